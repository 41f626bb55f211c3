// Well-known secrets for tests. They are fake (no venue knows them) but are treated as real:
// the secret guard (secret-guard.ts) registers them and fails the run if any of them shows up
// in a log line or a reported error. Use them wherever a test needs credentials.

/** A test API key (64 characters, like a Binance key). */
export const TEST_API_KEY = 'vkTestApiKey0a1b2c3d4e5f6g7h8i9j0kLmNoPqRsTuVwXyZ0123456789abcdef';
/** A test API secret. */
export const TEST_SECRET = 'vkTestSecret9Z8Y7X6W5V4U3T2S1R0QpOnMlKjIhGfEdCbA9876543210zyxwvu';
/** A test passphrase. */
export const TEST_PASSPHRASE = 'vkTestPassphrase-5m4n3b2v';
/** A test Ed25519 private key (PKCS#8 PEM), generated for these tests only. */
export const TEST_ED25519_PEM =
  '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIMVlLch1ikfftPrsMN2bozSURrzsVpS10Q+lg5NCQeky\n-----END PRIVATE KEY-----\n';
/** The public half of {@link TEST_ED25519_PEM}, for verifying signatures. */
export const TEST_ED25519_PUBLIC_PEM =
  '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA8JcNqhqodJO68SaDy1lKEg6jLFPAT+zut4w/7yPypfY=\n-----END PUBLIC KEY-----\n';

/** Every test secret (and the forms it can take in text) by name, for leak checks. */
export const TEST_SECRET_VALUES: ReadonlyArray<readonly [name: string, value: string]> = [
  ['TEST_API_KEY', TEST_API_KEY],
  ['TEST_SECRET', TEST_SECRET],
  ['TEST_PASSPHRASE', TEST_PASSPHRASE],
  ['TEST_ED25519_PEM body', 'MC4CAQAwBQYDK2VwBCIEIMVlLch1ikfftPrsMN2bozSURrzsVpS10Q+lg5NCQeky'],
];

/** Test failures and inspect output truncate long strings (`vkTestSecret9Z8Y…`): a prefix this long counts. */
const PREFIX = 16;

/** The name of the first test secret found in `text` (whole, or its first 16 characters), or `undefined`. */
export function findTestSecret(text: string): string | undefined {
  for (const [name, value] of TEST_SECRET_VALUES) if (text.includes(value.slice(0, PREFIX))) return name;
  return undefined;
}

/** `text` with every test secret, or the longest prefix of one (16+ characters), replaced by `[NAME]`. */
export function scrubTestSecrets(text: string): string {
  let out = text;
  for (const [name, value] of TEST_SECRET_VALUES) {
    const head = value.slice(0, PREFIX);
    const mark = `[${name}]`;
    let at = out.indexOf(head);
    while (at >= 0) {
      let length = PREFIX;
      while (length < value.length && out[at + length] === value[length]) length++;
      out = out.slice(0, at) + mark + out.slice(at + length);
      at = out.indexOf(head, at + mark.length);
    }
  }
  return out;
}
