// Importing node:http from an ES module builds its ES namespace: see preload.ts.
import 'node:http';
