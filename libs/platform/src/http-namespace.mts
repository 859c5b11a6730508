// Importing node:http from an ES module builds its ES namespace: see nest-preload.ts.
import 'node:http';
