#ifndef SANISIZER_HPP
#define SANISIZER_HPP

#include "cast.hpp"
#include "arithmetic.hpp"
#include "attest.hpp"
#include "comparisons.hpp"
#include "create.hpp"
#include "nd_offset.hpp"
#include "cap.hpp"
#include "ptrdiff.hpp"
#include "float.hpp"
#include "class.hpp"

/**
 * @file sanisizer.hpp
 * @brief Umbrella header for all **sanisizer** functions.
 */

/**
 * @namespace sanisizer
 * @brief Sanitize sizes to avoid integer overflow.
 */
namespace sanisizer {}

#endif
