import { Injectable } from '@nestjs/common';
import { DomainError } from '@broadsheet/messaging';
import { COMMON_PASSWORDS_TEXT } from '../assets/common-passwords.data';
import { UsersConfig } from '../config/users.config';
import { PASSWORD_MAX_LENGTH } from '../dtos/user.dtos';

let commonPasswords: ReadonlySet<string> | undefined;

/** The shipped list of common passwords, parsed once per process on first use. */
export function loadCommonPasswords(): ReadonlySet<string> {
  return (commonPasswords ??= new Set(
    COMMON_PASSWORDS_TEXT.split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line.length > 0),
  ));
}

/** Who the password belongs to: a password equal to either is as guessable as a listed one. */
export interface PasswordOwner {
  username?: string;
  email?: string;
}

/**
 * NIST SP 800-63B style rules: a length window and a blocklist, no composition rules. Lengths
 * count code points, so an emoji is one character, as a person would count it.
 */
export class PasswordRules {
  constructor(
    private readonly minLength: number,
    private readonly blocklist: ReadonlySet<string>,
    private readonly maxLength: number = PASSWORD_MAX_LENGTH,
  ) {}

  /** The problems with `password`, empty when it is acceptable. */
  problems(password: string, owner: PasswordOwner = {}): string[] {
    const length = [...password].length;
    if (length < this.minLength) return [`is too short (at least ${this.minLength} characters)`];
    if (length > this.maxLength) return [`is too long (at most ${this.maxLength} characters)`];
    const lower = password.toLowerCase();
    if (this.blocklist.has(lower)) return ['is too common: choose a less guessable password'];
    const personal = [owner.username, owner.email, owner.email?.split('@')[0]].filter((s): s is string => !!s);
    if (personal.some((s) => s.toLowerCase() === lower)) return ['must not be your username or email'];
    return [];
  }
}

/** The password rules with the configured minimum and the shipped blocklist. */
@Injectable()
export class PasswordPolicy extends PasswordRules {
  constructor(config: UsersConfig) {
    super(config.PASSWORD_MIN_LENGTH, loadCommonPasswords());
  }

  /** Throws a 422 naming `password` when the password is not acceptable. */
  assertAcceptable(password: string, owner?: PasswordOwner): void {
    const problems = this.problems(password, owner);
    if (problems.length > 0) throw new DomainError('REQUEST.INVALID', `password ${problems.join(', ')}`, { password: problems });
  }
}
