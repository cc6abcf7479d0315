/**
 * Groups concurrent calls into one database round trip, as group commit does: a call made when
 * nothing is on its way goes at once; calls made while a batch is on its way wait for it and then
 * go together as the next batch. Idle, nothing waits; under load, one round trip serves many.
 * If a batch of several fails, each item is tried again alone, so one bad item fails only itself.
 */
export class Batcher<I, O> {
  private readonly queue: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: { maxInFlight?: number; maxBatch?: number } = {},
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < (this.options.maxInFlight ?? 1) && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch ?? 64);
      this.inFlight++;
      void this.settle(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async settle(batch: typeof this.queue): Promise<void> {
    try {
      const out = await this.run(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(out[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const b of batch) {
        await this.run([b.item]).then(([out]) => b.resolve(out!), b.reject);
      }
    }
  }
}
