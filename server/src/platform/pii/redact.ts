const SECRET_QUERY = /([?&](?:idNumber|phone)=)[^&]*/g;

/** The URL with personal data in its query string replaced (exact-value searches put it there). */
export function redactQuery(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}
