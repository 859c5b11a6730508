// Development signing keys for access tokens: the users service signs with the private key,
// the gateway verifies with the public one.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Writes an Ed25519 pair (PKCS8 and SPKI PEM) under `keysDir` unless the environment gives a
 * private key or the files exist. Returns the key variables children need.
 */
export function ensureJwtKeys(env, keysDir, log) {
  const privateFile = env.JWT_PRIVATE_KEY_FILE ?? join(keysDir, 'jwt-private.pem');
  const publicFile = env.JWT_PUBLIC_KEY_FILE ?? join(keysDir, 'jwt-public.pem');
  const files = { JWT_PRIVATE_KEY_FILE: privateFile, JWT_PUBLIC_KEY_FILE: publicFile };
  if (env.JWT_PRIVATE_KEY) {
    log('JWT keys from the environment');
    return {};
  }
  if (existsSync(privateFile) || existsSync(publicFile)) {
    log(`JWT keys from ${privateFile}`);
    return files;
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  for (const file of [privateFile, publicFile]) mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  log(`generated development JWT keys: ${privateFile}, ${publicFile}`);
  return files;
}

// `npm run keys:dev`: the same keys npm start makes, for docker compose's secrets.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const keysDir = resolve(process.env.BROADSHEET_DATA_DIR ?? '.data', 'keys');
  ensureJwtKeys(process.env, keysDir, (message) => console.log(`keys: ${message}`));
}
