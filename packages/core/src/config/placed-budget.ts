import type { ConfigPath } from './config-path.js';
import type { BudgetConfig } from './mesh-config.js';

/** A resolved budget and where it was written, for the duplicate-name check. */
export interface PlacedBudget {
  budget: BudgetConfig;
  path: ConfigPath;
}
