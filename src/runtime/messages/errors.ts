/** Errors raised by the message builders before anything is sent. */

/** One broken limit: where (dotted path inside the Cloud API message) and what. */
export interface MessageIssue {
  path: string;
  message: string;
}

/** A message breaks one or more of Meta's limits; `issues` lists each with its field path. */
export class MessageValidationError extends Error {
  readonly issues: MessageIssue[];
  readonly messageType: string;
  constructor(messageType: string, issues: MessageIssue[]) {
    super(`invalid ${messageType} message: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    this.name = "MessageValidationError";
    this.issues = issues;
    this.messageType = messageType;
  }
}
