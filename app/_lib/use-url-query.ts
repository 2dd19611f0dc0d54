"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/**
 * The page's query string, kept in the URL. `router.replace` lands only after a server round trip,
 * so until then the URL (and `useSearchParams`) still shows the query before. The query this page
 * last asked for is what it shows and what the next change builds on: changes in quick succession
 * (a filter chosen, then a search typed at once) don't undo each other. A navigation from
 * elsewhere (a link, Back) replaces it.
 */
export function useUrlQuery(): [URLSearchParams, (change: (query: URLSearchParams) => void) => void] {
  const router = useRouter();
  const pathname = usePathname();
  const urlQuery = useSearchParams().toString();
  // `pending`: the queries asked for whose URL hasn't landed yet, oldest first.
  const [state, setState] = useState({ query: urlQuery, seen: urlQuery, pending: [] as string[] });
  let current = state;
  if (urlQuery !== state.seen) {
    const at = state.pending.indexOf(urlQuery);
    current =
      at >= 0
        ? { query: state.query, seen: urlQuery, pending: state.pending.slice(at + 1) } // one of ours landed
        : { query: urlQuery, seen: urlQuery, pending: [] }; // a navigation from elsewhere
    setState(current);
  }
  // The newest query for callbacks created earlier (a debounce timer): changes build on it.
  const latest = useRef(current.query);
  useEffect(() => {
    latest.current = current.query;
  }, [current.query]);

  function change(apply: (query: URLSearchParams) => void) {
    const next = new URLSearchParams(latest.current);
    apply(next);
    const query = next.toString();
    if (query === latest.current) return;
    latest.current = query;
    setState((s) => ({ ...s, query, pending: [...s.pending, query] }));
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }
  return [new URLSearchParams(current.query), change];
}
