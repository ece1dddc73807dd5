import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

// The renderer is a static bundle: Electron serves it from the app:// protocol, the harness over loopback HTTP.
export default defineConfig({
  root: path.resolve(import.meta.dirname),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
    sourcemap: false,
  },
});
