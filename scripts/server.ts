/** The production server on its own, from source (the multi-process tests run several). */
import { serve } from './serve';

void serve();
