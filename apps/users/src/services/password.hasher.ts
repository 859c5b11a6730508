import { Injectable, type OnModuleInit } from '@nestjs/common';
import * as argon2 from 'argon2';
import { UsersConfig } from '../config/users.config';

/** argon2id hashing, stored as PHC strings (the parameters travel with each hash). */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** Verified against when an email is unknown, so a failed login costs the same either way. */
  private decoy?: Promise<string>;

  constructor(private readonly config: UsersConfig) {}

  /** Makes the decoy at boot, so the first unknown-email sign-in doesn't pay for it and stand out. */
  async onModuleInit(): Promise<void> {
    await this.decoyHash();
  }

  private decoyHash(): Promise<string> {
    return (this.decoy ??= this.hash('decoy password for unknown accounts'));
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, {
      type: argon2.argon2id,
      memoryCost: this.config.ARGON2_MEMORY_KIB,
      timeCost: this.config.ARGON2_ITERATIONS,
      parallelism: this.config.ARGON2_PARALLELISM,
    });
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    const target = hash ?? (await this.decoyHash());
    const ok = await argon2.verify(target, password).catch(() => false);
    return ok && hash !== null;
  }
}
