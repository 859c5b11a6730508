import { FollowEntity } from './follow.entity';
import { UserEntity } from './user.entity';

/** Every entity of the users schema. */
export const USERS_ENTITIES: Function[] = [UserEntity, FollowEntity];
