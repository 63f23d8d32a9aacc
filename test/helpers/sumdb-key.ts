// A checksum-database verifier key go accepts in GOSUMDB ("NAME+HASH+KEY URL"), so that a test can
// point go at its own database on loopback. The format is golang.org/x/mod/sumdb/note's:
//   NAME + "+" + hex(first 4 bytes of sha256(NAME "\n" 0x01 PUBKEY)) + "+" + base64(0x01 PUBKEY)
// where 0x01 names the Ed25519 algorithm and PUBKEY is the 32-byte public key.
import { createHash, generateKeyPairSync } from 'node:crypto';

const ALG_ED25519 = 0x01;

/** A fresh verifier key for a database called name (the private half is thrown away). */
export function verifierKey(name: string): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const raw = Buffer.from(jwk.x as string, 'base64url');
  if (raw.length !== 32) throw new Error(`an Ed25519 public key is 32 bytes, got ${raw.length}`);
  const key = Buffer.concat([Buffer.from([ALG_ED25519]), raw]);
  const hash = createHash('sha256').update(`${name}\n`).update(key).digest().subarray(0, 4).toString('hex');
  return `${name}+${hash}+${key.toString('base64')}`;
}
