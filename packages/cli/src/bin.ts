#!/usr/bin/env node
// The `venuekit` executable: runs the command line and exits with its code once output is flushed.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
