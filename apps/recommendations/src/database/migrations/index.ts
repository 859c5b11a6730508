import { RecommendationIndex1764200000000 } from './1764200000000-recommendation-index';

/** The recommendations schema's migrations, oldest first (the messaging tables are added before them). */
export const RECOMMENDATIONS_MIGRATIONS: Function[] = [RecommendationIndex1764200000000];
