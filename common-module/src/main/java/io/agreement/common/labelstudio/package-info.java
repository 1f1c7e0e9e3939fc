/**
 * The one home of the SQL that reads Label Studio's own tables (projects, tasks, annotations,
 * members, tokens, JWT settings), used by the API and the worker alike, and of the rows a
 * standalone install writes into them the way Label Studio fills them. Nothing here changes Label
 * Studio's tables on an attached database.
 */
package io.agreement.common.labelstudio;
