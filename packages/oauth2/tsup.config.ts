import { defineConfig } from 'tsup';
import { constructorModule } from '../../scripts/tsup-constructor-module.js';

export default defineConfig(constructorModule('OAuth2Strategy'));
