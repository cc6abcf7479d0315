/**
 * Adds a data-testid to a props object that antd forwards to the DOM (e.g. a Modal's
 * okButtonProps), for the browser tests. Object literals cannot carry it past type checks.
 */
export function withTestId<T extends object>(props: T, testId: string): T {
  return Object.assign({}, props, { 'data-testid': testId });
}
