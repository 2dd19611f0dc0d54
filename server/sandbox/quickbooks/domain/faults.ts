/**
 * QBO's error catalogue as the API reports it. A `QboFault` thrown anywhere in the sandbox becomes
 * the `{"Fault": ...}` envelope (HTTP 400 by default, or a batch item's Fault under HTTP 200).
 */
export type FaultType = "ValidationFault" | "SystemFault" | "AuthenticationFault" | "AuthorizationFault" | "SERVICE";

export interface FaultError {
  Message: string;
  Detail: string;
  code: string;
  element: string;
}

export class QboFault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail: string,
    readonly type: FaultType = "ValidationFault",
    readonly httpStatus = 400,
    readonly element = "",
  ) {
    super(`${code} ${message}: ${detail}`);
    this.name = "QboFault";
    this.faultMessage = message;
  }

  readonly faultMessage: string;

  toFault(): { Error: FaultError[]; type: FaultType } {
    return { Error: [{ Message: this.faultMessage, Detail: this.detail, code: this.code, element: this.element }], type: this.type };
  }
}

export const faults = {
  duplicateName: () =>
    new QboFault(
      "6240",
      "Duplicate Name Exists Error",
      "The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.",
    ),
  duplicateItemName: () =>
    new QboFault("6240", "Duplicate Name Exists Error", "The name supplied already exists. : Another product or service is already using this name. Please use a different name."),
  duplicateDocNumber: (docNumber: string, txnId: string) =>
    new QboFault(
      "6140",
      "Duplicate Document Number Error",
      `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=Invoice with TxnId=${txnId}`,
    ),
  staleObject: () =>
    new QboFault(
      "5010",
      "Stale Object Error",
      "Stale Object Error : You and sandbox user were working on this at the same time. sandbox user finished before you did, so your work was not saved.",
    ),
  businessValidation: (text: string) =>
    new QboFault("6000", "A business validation error has occurred while processing your request", `Business Validation Error: ${text}`),
  closedPeriod: () =>
    new QboFault(
      "6210",
      "Account Period Closed, cannot update through Services API",
      "The account period has closed and the account books cannot be updated through through the QBO Services API. Please use the QBO website to make these changes.",
    ),
  invalidReference: (what: string) =>
    new QboFault(
      "2500",
      "Invalid Reference Id",
      `Invalid Reference Id : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. ${what}`.trim(),
    ),
  objectNotFound: (entity: string, id: string) =>
    new QboFault(
      "610",
      "Object Not Found",
      `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. ${entity} Id=${id}`,
    ),
  requiredParam: (name: string) =>
    new QboFault("2020", "Required param missing, need to supply the required value for the API", `Required parameter ${name} is missing in the request`),
  stringLength: (field: string, max: number, supplied: number) =>
    new QboFault(
      "2050",
      "String length is either shorter or longer than supported by specification",
      `String length specified does not match the supported length. Min:0 Max:${max} supplied:${supplied}`,
      "ValidationFault",
      400,
      field,
    ),
  invalidField: (detail: string) => new QboFault("2010", "Request has invalid or unsupported property", `Property Name:${detail}`),
  amountMismatch: (amount: number) =>
    new QboFault("6070", "Amount is not equal to UnitPrice * Qty", `Amount is not equal to UnitPrice * Qty. Supplied value:${amount}`),
  missingName: () =>
    new QboFault(
      "6080",
      "Name list entity needs a name",
      "The DisplayName, Title, GivenName, MiddleName, FamilyName, or Suffix field is required. : You must supply at least one of these fields.",
    ),
  discountWithoutAmount: () =>
    new QboFault("6090", "Discount amount or percent is required", "A discount line needs either Amount or DiscountPercent with PercentBased=true."),
  crossCustomerLink: () =>
    new QboFault(
      "620",
      "Transaction Not Found",
      "Transaction Not Found : You can't link a transaction that belongs to a different customer.",
    ),
  tooManyBatchItems: (count: number) =>
    new QboFault("1040", "Too many batch items", `The batch request has ${count} items; at most 30 are allowed.`),
  unsupportedOperation: (detail: string) => new QboFault("500", "Unsupported Operation", `Operation ${detail} is not supported.`),
  queryParse: (detail: string) => new QboFault("4000", "Error parsing query", `QueryParserError: ${detail}`),
  queryValidation: (detail: string) => new QboFault("4001", "Invalid query", `QueryValidationError: ${detail}`),
  cdcTooOld: () =>
    new QboFault("4001", "Invalid query", "QueryValidationError: changedSince can not be earlier than 30 days in the past"),
  systemFailure: () =>
    new QboFault("10000", "An application error has occurred while processing your request", "System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again.", "SystemFault", 500),
  serviceUnavailable: () =>
    new QboFault("10000", "Service Unavailable", "The service is temporarily unavailable. Please try again later.", "SystemFault", 503),
};
