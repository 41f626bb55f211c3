import '../setup/secret-guard.js';
import { createPrivateKey, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { ConfigError, ed25519Sign, ed25519Signer, parseEd25519PrivateKey } from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import { TEST_ED25519_PEM, TEST_ED25519_PUBLIC_PEM } from '../setup/test-secrets.js';

const publicKey = createPublicKey(TEST_ED25519_PUBLIC_PEM);
const payload = 'apiKey=vkTestApiKey&symbol=BTCUSDT&side=SELL&type=LIMIT&timestamp=1700000000000';

function verifies(data: string, signature: string): boolean {
  return verify(null, Buffer.from(data), publicKey, Buffer.from(signature, 'base64'));
}

describe('ed25519Sign', () => {
  it('produces a base64 signature the public key verifies', () => {
    const signature = ed25519Sign(TEST_ED25519_PEM, payload);
    expect(signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(verifies(payload, signature)).toBe(true);
    expect(verifies(`${payload}0`, signature)).toBe(false);
  });

  it('is deterministic and agrees across PEM, KeyObject, bytes and the pre-parsed signer', () => {
    const signature = ed25519Sign(TEST_ED25519_PEM, payload);
    expect(ed25519Sign(TEST_ED25519_PEM, payload)).toBe(signature);
    expect(ed25519Sign(createPrivateKey(TEST_ED25519_PEM), payload)).toBe(signature);
    expect(ed25519Sign(TEST_ED25519_PEM, Buffer.from(payload))).toBe(signature);
    const sign = ed25519Signer(TEST_ED25519_PEM);
    expect(sign(payload)).toBe(signature);
    expect(sign(new TextEncoder().encode(payload))).toBe(signature);
  });

  it('signs UTF-8 text as UTF-8 bytes', () => {
    const text = 'symbol=BTCUSDT&note=ünïcødé';
    expect(verifies(text, ed25519Sign(TEST_ED25519_PEM, text))).toBe(true);
  });

  it('refuses text that is not a private key, without quoting it', () => {
    const notAKey = '-----BEGIN PRIVATE KEY-----\nnot-base64-at-all-3f8e2a\n-----END PRIVATE KEY-----\n';
    let caught: unknown;
    try {
      ed25519Sign(notAKey, payload);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toContain('not a readable PEM private key');
    expect((caught as Error).message).not.toContain('not-base64-at-all');
  });

  it('refuses keys of another type or a public key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => parseEd25519PrivateKey(rsa)).toThrow(
      'expected an Ed25519 private key, got a private rsa key',
    );
    expect(() => ed25519Signer(publicKey)).toThrow(
      'expected an Ed25519 private key, got a public ed25519 key',
    );
  });
});
