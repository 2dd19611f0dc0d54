import { describe, expect, it } from "vitest";
import { INVOICE_FIELDS } from "../../sync/engine/lines";
import type { QuickBooksClient } from "./client";
import { BATCH_MAX_ITEMS } from "./client";
import { quickbooksInvoiceAdapter } from "./invoice-adapter";

type BatchItem = { bId: string; record: Record<string, unknown> };

/**
 * A QuickBooks client whose batches answer only when the test lets them, each invoice created with
 * the id `Q<trace id>`; the lookups find nothing.
 */
function gatedClient() {
  const gates: Array<() => void> = [];
  const client = {
    queryAll: async () => [],
    batch: async (items: BatchItem[]) => {
      await new Promise<void>((resolve) => gates.push(resolve));
      return new Map(items.map((item) => [item.bId, { Id: `Q${String(item.record.PrivateNote)}`, SyncToken: "0", TotalAmt: 0, ...item.record }]));
    },
  };
  return { client: client as unknown as QuickBooksClient, gates };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("creating QuickBooks invoices in batches", () => {
  it("stores each batch's new ids as soon as that batch answered, not after the whole page", async () => {
    const { client, gates } = gatedClient();
    const adapter = quickbooksInvoiceAdapter(client);
    const inputs = Array.from({ length: BATCH_MAX_ITEMS + 1 }, (_, n) => ({
      traceId: String(n),
      counterpartId: `H${n}`,
      requestKey: `key-${n}`,
      fields: { [INVOICE_FIELDS.customerRef]: "7", PrivateNote: String(n) },
    }));
    const stored: string[][] = [];
    const written = adapter.batchWrite("create", inputs, async (created) => {
      stored.push(created.map((c) => c.id));
    });

    await settle();
    expect(gates).toHaveLength(2);
    expect(stored).toEqual([]);
    // The short batch answers first; the full one still waits for QuickBooks.
    gates[1]!();
    await settle();
    expect(stored).toEqual([[`Q${BATCH_MAX_ITEMS}`]]);
    gates[0]!();
    const results = await written;

    expect(stored[1]).toEqual(inputs.slice(0, BATCH_MAX_ITEMS).map((input) => `Q${input.traceId}`));
    expect([...results.values()].map((record) => (record instanceof Error ? record.message : record.id))).toEqual(inputs.map((input) => `Q${input.traceId}`));
  });
});
