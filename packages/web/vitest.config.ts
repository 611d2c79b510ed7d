import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue()],
  test: {
    name: 'web',
    include: ['src/**/*.test.ts'],
    environment: 'happy-dom',
    // Element Plus must go through Vite like the app does; loaded as an external CommonJS module
    // its forms share no state with the components under test and validate nothing.
    server: { deps: { inline: ['element-plus'] } },
  },
});
