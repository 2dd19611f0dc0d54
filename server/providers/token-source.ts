/** How an API client gets the connection's access token, and a fresh one after a 401. */
export interface TokenSource {
  current(): Promise<string>;
  /** Returns a token other than `rejected`, refreshing it if no one has yet. */
  afterRejection(rejected: string): Promise<string>;
}
