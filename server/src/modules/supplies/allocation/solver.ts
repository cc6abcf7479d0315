/** HiGHS (WebAssembly), loaded once per process on first use. */
import highsModule, { type Highs } from 'highs';

/**
 * The package's types describe its CommonJS build (`module.exports.default` is the loader), while
 * Node's ESM import reaches its ES build, whose default export is the loader itself: take either.
 */
type Loader = typeof highsModule.default;
const loadHighs: Loader = (highsModule as unknown as { default?: Loader }).default ?? (highsModule as unknown as Loader);

let loading: Promise<Highs> | undefined;

/** The HiGHS runtime (about 0.1 s to instantiate the first time). */
export function loadSolver(): Promise<Highs> {
  const promise =
    loading ??
    loadHighs().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  loading = promise;
  return promise;
}
