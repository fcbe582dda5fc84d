// The DataSource for the TypeORM CLI (`tsx node_modules/typeorm/cli.js migration:generate -d ormconfig.ts`):
// the same one the app opens, embedded or on DATABASE_URL.
import 'reflect-metadata';
import { loadConfig } from './src/config';
import { openDatabase } from './src/db/database';

export default openDatabase(loadConfig()).then((database) => database.dataSource);
