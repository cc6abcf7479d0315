const SECRET_QUERY = /([?&](?:idNumber|phone|api_key)=)[^&]*/g;

/** The URL with personal data (exact-value searches) and Open311 API keys in its query string replaced. */
export function redactQuery(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}
