#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded on our machines.
# `prisma generate` only needs the path to exist; migrations go through prisma/db.mjs.
echo "The native Prisma schema engine isn't available here: use 'node prisma/db.mjs push|dev|deploy'." >&2
exit 1
