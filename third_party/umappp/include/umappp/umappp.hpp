#ifndef UMAPPP_UMAPPP_HPP
#define UMAPPP_UMAPPP_HPP

/**
 * @file umappp.hpp
 * @brief Umbrella header for the **umappp** library.
 */

#include "Options.hpp"
#include "Status.hpp"
#include "initialize.hpp"

/**
 * @namespace umappp
 * @brief Functions for creating UMAP embeddings.
 */
namespace umappp {}

#endif
