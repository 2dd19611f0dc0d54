/** The parts of QuickBooks Online entities Tandem reads and writes (see shared/reference). */

export interface QboRef {
  value: string;
  name?: string;
}

export interface QboMetaData {
  CreateTime: string;
  LastUpdatedTime: string;
}

export interface QboEntityBase {
  Id: string;
  SyncToken: string;
  MetaData?: QboMetaData;
  domain?: string;
  sparse?: boolean;
}

export interface QboCustomer extends QboEntityBase {
  DisplayName: string;
  GivenName?: string;
  FamilyName?: string;
  CompanyName?: string;
  PrimaryEmailAddr?: { Address?: string };
  PrimaryPhone?: { FreeFormNumber?: string };
  Active?: boolean;
}

export interface QboItem extends QboEntityBase {
  Name: string;
  Sku?: string;
  Type?: string;
  UnitPrice?: number;
  Description?: string;
  Active?: boolean;
  IncomeAccountRef?: QboRef;
}

export interface QboDeleted {
  Id: string;
  status: "Deleted";
  domain?: string;
  MetaData?: Partial<QboMetaData>;
}

export type QboEntityName = "Customer" | "Item" | "Invoice" | "Payment" | "Account" | "TaxCode" | "TaxRate" | "Term";

export interface QboFaultError {
  Message: string;
  Detail?: string;
  code: string;
  element?: string;
}

export interface QboFault {
  type: string;
  Error: QboFaultError[];
}
