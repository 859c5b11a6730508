import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
import { ConfigError, loadConfig } from './config';

class ExampleConfig {
  @Matches(/^postgres:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://localhost/db';

  @IsInt() @Min(1)
  PORT: number = 3000;

  @IsOptional() @IsString() @Matches(/^[a-f0-9]{8,}$/, { message: 'must be 8 or more hex digits' })
  JWT_SECRET_KEY: string | undefined = undefined;
}

describe('loadConfig', () => {
  it('applies defaults and converts numbers', () => {
    const config = loadConfig(ExampleConfig, { PORT: '8080', UNRELATED: 'x' });
    assert.equal(config.PORT, 8080);
    assert.equal(config.DATABASE_URL, 'postgres://localhost/db');
    assert.equal((config as unknown as Record<string, unknown>).UNRELATED, undefined);
  });

  it('treats an empty variable as unset', () => {
    assert.equal(loadConfig(ExampleConfig, { PORT: '' }).PORT, 3000);
  });

  it('names every bad variable, with what it got, hiding secrets', () => {
    assert.throws(
      () => loadConfig(ExampleConfig, { DATABASE_URL: 'mysql://x', PORT: 'zero', JWT_SECRET_KEY: '42' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /DATABASE_URL: must be a postgres:\/\/ URL \(got "mysql:\/\/x"\)/);
        assert.match(error.message, /PORT: PORT must be an integer number/);
        assert.match(error.message, /JWT_SECRET_KEY: must be 8 or more hex digits \(got \(hidden\)\)/);
        assert.ok(!error.message.includes('"42"'), 'a secret is never printed');
        return true;
      },
    );
  });
});
