// The server-rendered pages (decision 0009): what worker/index.ts mounts.
export { adminPages } from "./admin-index";
export { adminTemplates } from "./admin-templates";
export { dashboard } from "./dashboard";
export { district } from "./district";
export { review } from "./review";
export { session } from "./sign-in";
export { CONTENT_SECURITY_POLICY, notFoundPage, wantsPage } from "./guard";
