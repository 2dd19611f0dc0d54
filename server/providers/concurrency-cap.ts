/** At most `limit` holders at once, served in arrival order. */
export class ConcurrencyCap {
  private held = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Resolves with the function that gives the place back (once, however often it is called). */
  async acquire(): Promise<() => void> {
    if (this.held < this.limit) this.held++;
    else await new Promise<void>((resolve) => this.waiters.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Hand the place straight to the next waiter, so a newcomer can't take it first.
      const next = this.waiters.shift();
      if (next) next();
      else this.held--;
    };
  }
}
