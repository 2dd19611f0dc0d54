import { z } from "zod";
import { orgCatalogueLoader } from "../../../sync/mappings/org-catalogue";
import { compatibleFields } from "../../../sync/mappings/validate";
import { orgProviderProcedure } from "../../trpc";
import { translated } from "./errors";
import { fieldKindSchema, objectCollectionInput } from "./schemas";

export const availableFieldsInput = objectCollectionInput;

const catalogueField = z.object({
  path: z.string(),
  label: z.string(),
  kind: fieldKindSchema,
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  readOnly: z.boolean(),
  custom: z.boolean(),
});

export const availableFieldsResponse = z.object({
  /** Each with the QuickBooks paths it can be mapped to, so an editor offers only compatible pairs. */
  hubspot: z.array(catalogueField.extend({ compatible: z.array(z.string()) })),
  quickbooks: z.array(catalogueField),
});

/** Both sides' fields with their kinds, read now from the connected HubSpot account and QuickBooks company. */
export const availableFieldsRoute = orgProviderProcedure
  .input(availableFieldsInput)
  .output(availableFieldsResponse)
  .query(({ ctx, input }) =>
    translated(async () => {
      const catalogue = await orgCatalogueLoader(ctx.db, ctx.org.id)(input.object, input.collection);
      return {
        hubspot: catalogue.hubspot.map((field) => ({ ...field, compatible: compatibleFields(field, catalogue.quickbooks) })),
        quickbooks: catalogue.quickbooks,
      };
    }),
  );
