import { resetConfig } from '../../lib/config';
import { applyTestEnv } from './env';

applyTestEnv();
resetConfig();
