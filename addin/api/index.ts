export { ApiFailureError, type ApiClient, type ApiFailure, createClient, type SubmitAnswer } from "./client";
export { prepareSubmission, type PreparedSubmission, sha256OfText } from "./submission";
