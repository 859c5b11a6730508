import { Injectable } from '@nestjs/common';

/** The time, behind a class so rules that depend on it can be tested with a fake. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
