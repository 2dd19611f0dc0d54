import type { Doc } from "../domain/documents";

/** One row of the sandbox invoice form, as typed (blank fields are undefined). */
export interface LineInput {
  lineId?: string;
  itemId: string;
  description?: string;
  qty?: number;
  unitPrice?: number;
  serviceDate?: string;
}

/** What the form needs to know of an item to fill a row when it is chosen. */
export interface ItemDefaults {
  id: string;
  name: string;
  unitPrice?: number;
  description?: string;
}

export function itemDefaults(items: Doc[]): ItemDefaults[] {
  return items.map((item) => ({
    id: String(item.Id),
    name: String(item.Name),
    unitPrice: typeof item.UnitPrice === "number" ? item.UnitPrice : undefined,
    description: typeof item.Description === "string" ? item.Description : undefined,
  }));
}

/**
 * Sales lines as QuickBooks' invoice form makes them: choosing an item brings its rate and
 * description, so a row whose rate was left blank takes the item's (a line saved at $0 made a
 * new invoice show as paid). A rate the user typed, 0 included, is kept.
 */
export function salesLines(rows: LineInput[], items: ItemDefaults[]): Doc[] {
  return rows.map((row) => {
    const item = items.find((i) => i.id === row.itemId);
    const qty = row.qty ?? 1;
    const unitPrice = row.unitPrice ?? item?.unitPrice ?? 0;
    return {
      Id: row.lineId,
      Description: row.description ?? item?.description,
      Amount: Math.round(qty * unitPrice * 100) / 100,
      DetailType: "SalesItemLineDetail",
      SalesItemLineDetail: { ItemRef: { value: row.itemId }, Qty: qty, UnitPrice: unitPrice, ServiceDate: row.serviceDate },
    };
  });
}
