/** EUM error classes as they travel on the wire (`x-amzn-errortype`), with the HTTP status the service uses. */
export const ERROR_STATUS = {
  ValidationException: 400,
  InvalidParametersException: 400,
  LimitExceededException: 400,
  AccessDeniedException: 403,
  AccessDeniedByMetaException: 403,
  ResourceNotFoundException: 404,
  ThrottledRequestException: 429,
  InternalServiceException: 500,
  DependencyException: 502,
  SerializationException: 400,
  UnknownOperationException: 404,
} as const;

/** Name of an error the emulator can answer with. */
export type EumErrorName = keyof typeof ERROR_STATUS;

/** An error answered to the client as `x-amzn-errortype: <code>` with `{"message"}`. */
export class EumError extends Error {
  readonly code: EumErrorName;
  constructor(code: EumErrorName, message: string) {
    super(message);
    this.name = "EumError";
    this.code = code;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** True when `name` is an error the emulator knows how to send. */
export function isEumErrorName(name: string): name is EumErrorName {
  return Object.hasOwn(ERROR_STATUS, name);
}

/** Shorthands for the error classes the operations raise most. */
export const invalidParameters = (message: string): EumError => new EumError("InvalidParametersException", message);
export const notFound = (message: string): EumError => new EumError("ResourceNotFoundException", message);
export const deniedByMeta = (message: string): EumError => new EumError("AccessDeniedByMetaException", message);
export const validationError = (message: string): EumError => new EumError("ValidationException", message);
