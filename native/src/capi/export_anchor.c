/* libdeeprc.so is linked from the whole deeprc_core archive; this translation unit only gives the
 * shared library target a source file of its own. */
#include "deeprc/deeprc.h"
