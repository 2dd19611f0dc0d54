import { SUPPORTED_COUNTRIES } from "../domain/company-defaults";

/** The consent screen's HTML. Plain server-rendered markup: the flow must work without scripts. */
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const STYLE = `
body{font-family:system-ui,sans-serif;background:#f4f5f8;color:#1f2937;margin:0}
main{max-width:32rem;margin:3rem auto;background:#fff;border-radius:.75rem;padding:2rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.25rem;margin:0 0 .5rem}p{color:#4b5563}fieldset{border:1px solid #e5e7eb;border-radius:.5rem;margin:1rem 0;padding:1rem}
label{display:block;margin:.35rem 0}input[type=text],select{width:100%;padding:.45rem;border:1px solid #d1d5db;border-radius:.375rem;box-sizing:border-box}
.actions{display:flex;gap:.75rem;margin-top:1.25rem}button{padding:.55rem 1.2rem;border-radius:.375rem;border:1px solid #d1d5db;background:#fff;font-size:1rem;cursor:pointer}
button.primary{background:#2ca01c;color:#fff;border-color:#2ca01c}.error{color:#b91c1c}.brand{color:#2ca01c;font-weight:700}`;

export interface AuthorizePageModel {
  appName: string;
  hidden: Record<string, string>;
  companies: { realmId: string; name: string; country: string }[];
  error?: string;
}

export function renderAuthorizePage(model: AuthorizePageModel): string {
  const hidden = Object.entries(model.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join("");
  const companies = model.companies
    .map(
      (c, i) =>
        `<label><input type="radio" name="realmId" value="${escape(c.realmId)}"${i === 0 ? " checked" : ""}> ${escape(c.name)} <small>(${escape(c.country)}, realm ${escape(c.realmId)})</small></label>`,
    )
    .join("");
  const countries = SUPPORTED_COUNTRIES.map((c) => `<option value="${c}">${c}</option>`).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Connect to QuickBooks (sandbox)</title><style>${STYLE}</style></head><body><main>
<p class="brand">intuit quickbooks · sandbox</p>
<h1>${escape(model.appName)} wants to connect to your QuickBooks company</h1>
<p>It will be able to read and change your accounting data.</p>
${model.error ? `<p class="error" role="alert">${escape(model.error)}</p>` : ""}
<form method="post">${hidden}
<fieldset><legend>Choose a company</legend>${companies || "<p>No sandbox companies yet.</p>"}
<label><input type="radio" name="realmId" value="new"${model.companies.length === 0 ? " checked" : ""}> Create a new sandbox company</label>
<label>New company name <input type="text" name="companyName" placeholder="My Sandbox Company"></label>
<label>Country <select name="country">${countries}</select></label></fieldset>
<div class="actions"><button class="primary" type="submit" name="decision" value="approve">Connect</button>
<button type="submit" name="decision" value="deny">Cancel</button></div>
</form></main></body></html>`;
}

export function renderAuthorizeError(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Connection problem</title><style>${STYLE}</style></head><body><main>
<p class="brand">intuit quickbooks · sandbox</p><h1>We can't connect this app</h1><p class="error" role="alert">${escape(message)}</p></main></body></html>`;
}
