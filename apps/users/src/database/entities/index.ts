/** Every entity of the users schema. */
export const USERS_ENTITIES: Function[] = [];
