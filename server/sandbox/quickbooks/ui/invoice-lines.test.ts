import { describe, expect, it } from "vitest";
import { itemDefaults, salesLines } from "./invoice-lines";

const items = itemDefaults([
  { Id: "3", Name: "Consulting", UnitPrice: 150, Description: "Hourly consulting" },
  { Id: "4", Name: "Custom work" },
]);

describe("the sandbox invoice form's lines", () => {
  it("takes the chosen item's rate and description when the row leaves them blank", () => {
    expect(salesLines([{ itemId: "3", qty: 2 }], items)).toEqual([
      {
        Id: undefined,
        Description: "Hourly consulting",
        Amount: 300,
        DetailType: "SalesItemLineDetail",
        SalesItemLineDetail: { ItemRef: { value: "3" }, Qty: 2, UnitPrice: 150, ServiceDate: undefined },
      },
    ]);
  });

  it("keeps what the user typed, a rate of 0 included, and is 0 for an item without a rate", () => {
    const [typed, zero, none] = salesLines(
      [
        { itemId: "3", qty: 1, unitPrice: 99.5, description: "Discounted" },
        { itemId: "3", unitPrice: 0 },
        { itemId: "4", qty: 3 },
      ],
      items,
    );
    expect(typed).toMatchObject({ Amount: 99.5, Description: "Discounted", SalesItemLineDetail: { UnitPrice: 99.5, Qty: 1 } });
    expect(zero).toMatchObject({ Amount: 0, SalesItemLineDetail: { UnitPrice: 0, Qty: 1 } });
    expect(none).toMatchObject({ Amount: 0, SalesItemLineDetail: { UnitPrice: 0, Qty: 3 } });
  });
});
