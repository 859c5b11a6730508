import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { RpcRequest } from '@broadsheet/contracts';
import { parseDto } from '@broadsheet/messaging';
import { SetRolesDto, SetStatusDto } from '../dtos/admin.dtos';
import { AdminService } from '../services/admin.service';

/** Account administration: roles and standing. */
@Controller()
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @MessagePattern('users.set-roles')
  async setRoles(@Payload() req: RpcRequest<'users.set-roles'>) {
    return this.admin.setRoles(req.actor, req.username, await parseDto(SetRolesDto, req.body));
  }

  @MessagePattern('users.set-status')
  async setStatus(@Payload() req: RpcRequest<'users.set-status'>) {
    return this.admin.setStatus(req.actor, req.username, await parseDto(SetStatusDto, req.body));
  }
}
