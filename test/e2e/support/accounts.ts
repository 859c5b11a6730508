import { randomBytes } from 'node:crypto';
import type { apiClient } from './http';

export interface TestAccount {
  username: string;
  email: string;
  password: string;
  token: string;
}

/** Registers a fresh account through the gateway and returns it with its token. */
export async function signUp(api: ReturnType<typeof apiClient>, prefix = 'reader'): Promise<TestAccount> {
  const id = randomBytes(4).toString('hex');
  const account = { username: `${prefix}_${id}`, email: `${prefix}_${id}@example.com`, password: `pass phrase ${id}` };
  const res = await api.post('/users', { user: account });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...account, token: res.body.user.token };
}
