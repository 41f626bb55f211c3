// Picks the signer and credentials for one request, after pybotters: by the URL's exact host, or
// by name with `auth: '<name>'` (testnets, simulators); `auth: false` sends unsigned. A host with
// no signer, or a signer without credentials in `apis`, is sent unsigned (public endpoints on a
// venue's host must work without keys); naming a signer that cannot sign is a ConfigError.
import type { ApiCredentialsMap } from '../auth/apis.js';
import type { Credentials, Signer } from '../auth/types.js';
import { ConfigError } from '../errors.js';
import { globalSignerResolver, type SignerResolver } from './signer-resolver.js';

/** A signer with the credentials it signs with. */
export interface AuthChoice {
  signer: Signer;
  credentials: Credentials;
}

/** Finds signers lazily: the resolver given, else the global registry on first need. */
export class RequestAuth {
  readonly #apis: ApiCredentialsMap;
  readonly #hasApis: boolean;
  #resolver: SignerResolver | undefined;
  #loaded: boolean;

  constructor(apis: ApiCredentialsMap, resolver: SignerResolver | undefined) {
    this.#apis = apis;
    this.#hasApis = apis.size > 0;
    this.#resolver = resolver;
    this.#loaded = resolver !== undefined;
  }

  /** True when a request with this `auth` option may need a signer (so {@link choose} must run). */
  mayNeedSigner(auth: string | false | undefined): boolean {
    return auth !== false && (typeof auth === 'string' || this.#hasApis);
  }

  /**
   * The signer and credentials for a request to `host`, or `undefined` to send it unsigned.
   * Synchronous once the resolver is known; returns a promise only while the global registry
   * is being loaded for the first time.
   */
  choose(
    host: string,
    auth: string | false | undefined,
  ): AuthChoice | undefined | Promise<AuthChoice | undefined> {
    if (auth === false) return undefined;
    if (!this.#loaded) return this.#load().then(() => this.#pick(host, auth));
    return this.#pick(host, auth);
  }

  #pick(host: string, auth: string | undefined): AuthChoice | undefined {
    const resolver = this.#resolver;
    if (typeof auth === 'string') {
      const signer = resolver?.getSigner(auth);
      if (signer === undefined)
        throw new ConfigError(
          `auth: no signer named "${auth}" — pass it in the Client's \`signers\` option or register its plugin`,
        );
      const credentials = this.#apis.get(auth) ?? this.#apis.get(signer.name);
      if (credentials === undefined)
        throw new ConfigError(
          `auth: "${auth}" was requested but \`apis\` has no credentials named "${signer.name}"`,
        );
      return { signer, credentials };
    }
    const signer = resolver?.signerForHost(host);
    if (signer === undefined) return undefined;
    const credentials = this.#apis.get(signer.name);
    return credentials === undefined ? undefined : { signer, credentials };
  }

  async #load(): Promise<SignerResolver | undefined> {
    if (!this.#loaded) {
      this.#resolver = await globalSignerResolver();
      this.#loaded = true;
    }
    return this.#resolver;
  }
}
