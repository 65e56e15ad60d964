import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The server serves web/dist in production; in development Vite serves the app and forwards /api.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/api": "http://127.0.0.1:3000",
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Libraries change less often than the app: separate chunks stay cached across releases.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 30,
            },
            { name: "mantine", test: /node_modules[\\/](@mantine|@floating-ui)[\\/]/, priority: 20 },
            // Charts load with the pages that draw them (React.lazy), never with the app shell.
            { name: "echarts", test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 40 },
            { name: "vendor", test: /node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
    chunkSizeWarningLimit: 600,
  },
});
