/** Every entity of the recommendations schema. */
export const RECOMMENDATIONS_ENTITIES: Function[] = [];
