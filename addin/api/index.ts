export { ApiFailureError, type ApiClient, type ApiFailure, createClient, type SubmitAnswer } from "./client";
export { prepareSubmission, type PreparedSubmission, sha256Hex } from "./submission";
export type * from "./types";
