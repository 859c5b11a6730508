import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default RPC filter turns every non-`RpcException` into "Internal server error",
 * losing the code. This one hands the original error back to the BusServer, which sends a
 * `DomainError` as its code and anything else as `SERVICE.INTERNAL` (after logging it).
 */
@Catch()
export class PassThroughRpcFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
