"use client";

import type { ItemDefaults } from "@/server/sandbox/quickbooks/ui/invoice-lines";

/**
 * A line's product or service picker: choosing an item fills the row's rate (and an empty
 * description) from the item, as QuickBooks does. Without scripts the server fills a blank rate.
 */
export function ItemSelect({ row, items, defaultValue, className }: { row: number; items: ItemDefaults[]; defaultValue: string; className: string }) {
  return (
    <select
      aria-label={`Line ${row + 1} item`}
      name={`itemId-${row}`}
      defaultValue={defaultValue}
      className={className}
      onChange={(event) => {
        const item = items.find((i) => i.id === event.target.value);
        const elements = event.target.form?.elements;
        if (!item || !elements) return;
        const rate = elements.namedItem(`unitPrice-${row}`);
        const description = elements.namedItem(`description-${row}`);
        if (rate instanceof HTMLInputElement && item.unitPrice !== undefined) rate.value = String(item.unitPrice);
        if (description instanceof HTMLInputElement && !description.value && item.description) description.value = item.description;
      }}
    >
      <option value="">—</option>
      {items.map((item) => (
        <option key={item.id} value={item.id}>
          {item.name}
        </option>
      ))}
    </select>
  );
}
