/// The OpenAPI 3.1 description of every route, served at `/openapi.json`; a test runs
/// schemathesis against it on a live server, so it stays true.
enum OpenAPIDocument {
    static let json = #"""
{
  "components": {
    "parameters": {
      "after": {
        "description": "The next cursor of the previous page",
        "in": "query",
        "name": "after",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      "call_type": {
        "description": "Only this call type",
        "in": "query",
        "name": "call_type",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      "contact_id": {
        "description": "Only this contact",
        "in": "query",
        "name": "contact_id",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      "conversation_id": {
        "description": "Only this conversation",
        "in": "query",
        "name": "conversation_id",
        "required": false,
        "schema": {
          "format": "uuid",
          "type": "string"
        }
      },
      "device_id": {
        "description": "Only this device",
        "in": "query",
        "name": "device_id",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      "feedback": {
        "description": "Only interactions with this verdict",
        "in": "query",
        "name": "feedback",
        "required": false,
        "schema": {
          "enum": [
            "accepted",
            "rejected",
            "modified"
          ]
        }
      },
      "has_missing_variables": {
        "description": "Only interactions with (or without) missing input variables",
        "in": "query",
        "name": "has_missing_variables",
        "required": false,
        "schema": {
          "enum": [
            "true",
            "false"
          ]
        }
      },
      "interaction_id": {
        "description": "Only this interaction",
        "in": "query",
        "name": "interaction_id",
        "required": false,
        "schema": {
          "format": "uuid",
          "type": "string"
        }
      },
      "interaction_type": {
        "description": "Only this interaction type",
        "in": "query",
        "name": "interaction_type",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      "limit": {
        "description": "Records per page, 1 to 1,000 (default 50)",
        "in": "query",
        "name": "limit",
        "required": false,
        "schema": {
          "maximum": 1000,
          "minimum": 1,
          "type": "integer"
        }
      },
      "max_quality_score": {
        "description": "Only interactions scored at most this",
        "in": "query",
        "name": "max_quality_score",
        "required": false,
        "schema": {
          "maximum": 999999999,
          "minimum": -99999999,
          "type": "integer"
        }
      },
      "min_cost_usd": {
        "description": "Only records that cost at least this many US dollars",
        "in": "query",
        "name": "min_cost_usd",
        "required": false,
        "schema": {
          "pattern": "^[0-9]{1,12}(\\.[0-9]{1,12})?$",
          "type": "string"
        }
      },
      "min_quality_score": {
        "description": "Only interactions scored at least this",
        "in": "query",
        "name": "min_quality_score",
        "required": false,
        "schema": {
          "maximum": 999999999,
          "minimum": -99999999,
          "type": "integer"
        }
      },
      "missing_variable": {
        "description": "Only interactions that reported this input variable missing",
        "in": "query",
        "name": "missing_variable",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      "model": {
        "description": "Only calls to this model",
        "in": "query",
        "name": "model",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      "persona_id": {
        "description": "Only this persona",
        "in": "query",
        "name": "persona_id",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      "prompt_id": {
        "description": "Only this prompt",
        "in": "query",
        "name": "prompt_id",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      "prompt_version": {
        "description": "Only this prompt version",
        "in": "query",
        "name": "prompt_version",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      "provider": {
        "description": "Only this provider",
        "in": "query",
        "name": "provider",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      "since": {
        "description": "At or after: YYYY-MM-DD, an ISO-8601 UTC time, or 30m, 24h, 7d, 2w before now",
        "in": "query",
        "name": "since",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      "status": {
        "description": "Only this status",
        "in": "query",
        "name": "status",
        "required": false,
        "schema": {
          "enum": [
            "success",
            "error",
            "partial"
          ]
        }
      },
      "text": {
        "description": "Only records whose input or output text contains this",
        "in": "query",
        "name": "text",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      "until": {
        "description": "Before: the same forms as since",
        "in": "query",
        "name": "until",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      "user_id": {
        "description": "Only this user",
        "in": "query",
        "name": "user_id",
        "required": false,
        "schema": {
          "type": "string"
        }
      }
    },
    "responses": {
      "E400": {
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        },
        "description": "Bad input: the message names the field or parameter"
      },
      "E401": {
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        },
        "description": "No valid API key"
      },
      "E403": {
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        },
        "description": "The key's role does not allow this route"
      },
      "E404": {
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        },
        "description": "No record has this id"
      },
      "E413": {
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        },
        "description": "The body or the number of records is over the limit"
      },
      "E415": {
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        },
        "description": "A Content-Encoding other than gzip or identity"
      },
      "E429": {
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        },
        "description": "The key is over its rate; see Retry-After"
      },
      "E503": {
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        },
        "description": "The database does not answer, or records wait in the outbox"
      }
    },
    "schemas": {
      "Call": {
        "properties": {
          "cache_read_audio_tokens": {
            "type": "integer"
          },
          "cache_read_image_tokens": {
            "type": "integer"
          },
          "cache_read_tokens": {
            "type": "integer"
          },
          "cache_write_1h_tokens": {
            "type": "integer"
          },
          "cache_write_tokens": {
            "type": "integer"
          },
          "call_type": {
            "type": "string"
          },
          "conversation_id": {
            "format": "uuid",
            "type": "string"
          },
          "cost_source": {
            "enum": [
              "provided",
              "computed",
              "unpriced"
            ]
          },
          "cost_usd": {
            "description": "A decimal amount; send it as a string to keep it exact",
            "type": [
              "string",
              "number"
            ]
          },
          "created_at": {
            "description": "ISO-8601 UTC time",
            "type": "string"
          },
          "error_code": {
            "type": "string"
          },
          "error_message": {
            "type": "string"
          },
          "external_id": {
            "type": "string"
          },
          "id": {
            "format": "uuid",
            "type": "string"
          },
          "input_audio_tokens": {
            "type": "integer"
          },
          "input_image_tokens": {
            "type": "integer"
          },
          "input_text": {
            "type": "string"
          },
          "input_tokens": {
            "type": "integer"
          },
          "interaction_id": {
            "format": "uuid",
            "type": "string"
          },
          "latency_ms": {
            "type": "number"
          },
          "metadata": {
            "type": "object"
          },
          "model": {
            "type": "string"
          },
          "model_version": {
            "type": "string"
          },
          "output_audio_tokens": {
            "type": "integer"
          },
          "output_image_tokens": {
            "type": "integer"
          },
          "output_text": {
            "type": "string"
          },
          "output_tokens": {
            "type": "integer"
          },
          "provider": {
            "type": "string"
          },
          "reasoning_tokens": {
            "type": "integer"
          },
          "request": {},
          "response": {},
          "service_tier": {
            "description": "The service tier the provider ran the call at (default, flex, priority, batch or another); it selects the price.",
            "type": "string"
          },
          "status": {
            "enum": [
              "success",
              "error",
              "partial"
            ]
          },
          "user_id": {
            "type": "string"
          }
        },
        "required": [
          "id",
          "model",
          "created_at",
          "status"
        ],
        "type": "object"
      },
      "CallInput": {
        "additionalProperties": false,
        "properties": {
          "cache_read_audio_tokens": {
            "type": "integer"
          },
          "cache_read_image_tokens": {
            "type": "integer"
          },
          "cache_read_tokens": {
            "type": "integer"
          },
          "cache_write_1h_tokens": {
            "type": "integer"
          },
          "cache_write_tokens": {
            "type": "integer"
          },
          "call_type": {
            "type": "string"
          },
          "conversation_id": {
            "format": "uuid",
            "type": "string"
          },
          "cost_source": {
            "enum": [
              "provided",
              "computed",
              "unpriced"
            ]
          },
          "cost_usd": {
            "description": "A decimal amount; send it as a string to keep it exact",
            "type": [
              "string",
              "number"
            ]
          },
          "created_at": {
            "description": "ISO-8601 UTC time",
            "type": "string"
          },
          "error_code": {
            "type": "string"
          },
          "error_message": {
            "type": "string"
          },
          "external_id": {
            "type": "string"
          },
          "id": {
            "format": "uuid",
            "type": "string"
          },
          "input_audio_tokens": {
            "type": "integer"
          },
          "input_image_tokens": {
            "type": "integer"
          },
          "input_text": {
            "type": "string"
          },
          "input_tokens": {
            "type": "integer"
          },
          "interaction_id": {
            "format": "uuid",
            "type": "string"
          },
          "latency_ms": {
            "type": "number"
          },
          "metadata": {
            "type": "object"
          },
          "model": {
            "type": "string"
          },
          "model_version": {
            "type": "string"
          },
          "output_audio_tokens": {
            "type": "integer"
          },
          "output_image_tokens": {
            "type": "integer"
          },
          "output_text": {
            "type": "string"
          },
          "output_tokens": {
            "type": "integer"
          },
          "provider": {
            "type": "string"
          },
          "reasoning_tokens": {
            "type": "integer"
          },
          "request": {},
          "response": {},
          "service_tier": {
            "description": "The service tier the provider ran the call at (default, flex, priority, batch or another); it selects the price.",
            "type": "string"
          },
          "status": {
            "enum": [
              "success",
              "error",
              "partial"
            ]
          },
          "user_id": {
            "type": "string"
          }
        },
        "type": "object"
      },
      "CallTotals": {
        "allOf": [
          {
            "properties": {
              "average_latency_ms": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "cache_read_tokens": {
                "type": [
                  "integer",
                  "null"
                ]
              },
              "cache_write_tokens": {
                "type": [
                  "integer",
                  "null"
                ]
              },
              "calls": {
                "type": "integer"
              },
              "cost_usd": {
                "type": "string"
              },
              "errors": {
                "type": "integer"
              },
              "input_tokens": {
                "type": [
                  "integer",
                  "null"
                ]
              },
              "output_tokens": {
                "type": [
                  "integer",
                  "null"
                ]
              },
              "partials": {
                "type": "integer"
              },
              "reasoning_tokens": {
                "type": [
                  "integer",
                  "null"
                ]
              },
              "successes": {
                "type": "integer"
              },
              "unpriced_calls": {
                "type": "integer"
              }
            },
            "required": [
              "calls",
              "cost_usd"
            ],
            "type": "object"
          },
          {
            "properties": {
              "latency_p50_ms": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "latency_p95_ms": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "latency_p99_ms": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "success_rate": {
                "type": [
                  "number",
                  "null"
                ]
              }
            },
            "type": "object"
          }
        ]
      },
      "Conversation": {
        "properties": {
          "channel": {
            "type": "string"
          },
          "contact_id": {
            "type": "string"
          },
          "created_at": {
            "type": "string"
          },
          "device_id": {
            "type": "string"
          },
          "external_id": {
            "type": "string"
          },
          "id": {
            "format": "uuid",
            "type": "string"
          },
          "metadata": {
            "type": "object"
          },
          "persona_id": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "user_id": {
            "type": "string"
          }
        },
        "required": [
          "id",
          "created_at"
        ],
        "type": "object"
      },
      "ConversationInput": {
        "additionalProperties": false,
        "properties": {
          "channel": {
            "type": "string"
          },
          "contact_id": {
            "type": "string"
          },
          "created_at": {
            "type": "string"
          },
          "device_id": {
            "type": "string"
          },
          "external_id": {
            "type": "string"
          },
          "id": {
            "format": "uuid",
            "type": "string"
          },
          "metadata": {
            "type": "object"
          },
          "persona_id": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "user_id": {
            "type": "string"
          }
        },
        "type": "object"
      },
      "Error": {
        "properties": {
          "error": {
            "properties": {
              "code": {
                "type": "string"
              },
              "message": {
                "type": "string"
              }
            },
            "required": [
              "code",
              "message"
            ],
            "type": "object"
          }
        },
        "required": [
          "error"
        ],
        "type": "object"
      },
      "Feedback": {
        "additionalProperties": false,
        "properties": {
          "edit_distance": {
            "type": "integer"
          },
          "feedback": {
            "enum": [
              "accepted",
              "rejected",
              "modified"
            ]
          },
          "feedback_comment": {
            "type": "string"
          },
          "quality_score": {
            "type": "integer"
          }
        },
        "required": [
          "feedback"
        ],
        "type": "object"
      },
      "Group": {
        "allOf": [
          {
            "properties": {
              "average_latency_ms": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "cache_read_tokens": {
                "type": [
                  "integer",
                  "null"
                ]
              },
              "cache_write_tokens": {
                "type": [
                  "integer",
                  "null"
                ]
              },
              "calls": {
                "type": "integer"
              },
              "cost_usd": {
                "type": "string"
              },
              "errors": {
                "type": "integer"
              },
              "input_tokens": {
                "type": [
                  "integer",
                  "null"
                ]
              },
              "output_tokens": {
                "type": [
                  "integer",
                  "null"
                ]
              },
              "partials": {
                "type": "integer"
              },
              "reasoning_tokens": {
                "type": [
                  "integer",
                  "null"
                ]
              },
              "successes": {
                "type": "integer"
              },
              "unpriced_calls": {
                "type": "integer"
              }
            },
            "required": [
              "calls",
              "cost_usd"
            ],
            "type": "object"
          },
          {
            "properties": {
              "key": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "start": {
                "type": "string"
              }
            },
            "type": "object"
          }
        ]
      },
      "Groups": {
        "properties": {
          "groups": {
            "items": {
              "$ref": "#/components/schemas/Group"
            },
            "type": "array"
          }
        },
        "required": [
          "groups"
        ],
        "type": "object"
      },
      "Ingested": {
        "properties": {
          "accepted": {
            "type": "integer"
          },
          "rejected": {
            "items": {
              "properties": {
                "field": {
                  "type": "string"
                },
                "index": {
                  "type": "integer"
                },
                "part": {
                  "type": "string"
                },
                "reason": {
                  "type": "string"
                }
              },
              "required": [
                "index",
                "field",
                "reason"
              ],
              "type": "object"
            },
            "type": "array"
          }
        },
        "required": [
          "accepted",
          "rejected"
        ],
        "type": "object"
      },
      "Interaction": {
        "properties": {
          "contact_id": {
            "type": "string"
          },
          "conversation_id": {
            "format": "uuid",
            "type": "string"
          },
          "created_at": {
            "type": "string"
          },
          "device_id": {
            "type": "string"
          },
          "edit_distance": {
            "type": "integer"
          },
          "error_code": {
            "type": "string"
          },
          "error_details": {},
          "error_message": {
            "type": "string"
          },
          "external_id": {
            "type": "string"
          },
          "feedback": {
            "enum": [
              "accepted",
              "rejected",
              "modified"
            ]
          },
          "feedback_at": {
            "type": "string"
          },
          "feedback_comment": {
            "type": "string"
          },
          "id": {
            "format": "uuid",
            "type": "string"
          },
          "input_text": {
            "type": "string"
          },
          "input_variables": {},
          "interaction_type": {
            "type": "string"
          },
          "ip_address": {
            "type": "string"
          },
          "latency_ms": {
            "type": "number"
          },
          "metadata": {
            "type": "object"
          },
          "missing_variables": {
            "items": {
              "type": "string"
            },
            "type": "array"
          },
          "output_text": {
            "type": "string"
          },
          "persona_id": {
            "type": "string"
          },
          "prompt_hash": {
            "type": "string"
          },
          "prompt_id": {
            "type": "string"
          },
          "prompt_version": {
            "type": "string"
          },
          "quality_score": {
            "type": "integer"
          },
          "request": {},
          "response": {},
          "session_id": {
            "type": "string"
          },
          "sql_queries": {
            "items": {
              "$ref": "#/components/schemas/SQLQuery"
            },
            "type": "array"
          },
          "status": {
            "enum": [
              "success",
              "error",
              "partial"
            ]
          },
          "structured_output": {},
          "user_id": {
            "type": "string"
          }
        },
        "required": [
          "id",
          "created_at",
          "status"
        ],
        "type": "object"
      },
      "InteractionInput": {
        "additionalProperties": false,
        "properties": {
          "calls": {
            "items": {
              "$ref": "#/components/schemas/CallInput"
            },
            "type": "array"
          },
          "contact_id": {
            "type": "string"
          },
          "conversation_id": {
            "format": "uuid",
            "type": "string"
          },
          "created_at": {
            "type": "string"
          },
          "database_used": {
            "description": "The database of statements that name none",
            "type": "string"
          },
          "device_id": {
            "type": "string"
          },
          "edit_distance": {
            "type": "integer"
          },
          "error_code": {
            "type": "string"
          },
          "error_details": {},
          "error_message": {
            "type": "string"
          },
          "external_id": {
            "type": "string"
          },
          "feedback": {
            "enum": [
              "accepted",
              "rejected",
              "modified"
            ]
          },
          "feedback_at": {
            "type": "string"
          },
          "feedback_comment": {
            "type": "string"
          },
          "id": {
            "format": "uuid",
            "type": "string"
          },
          "input_text": {
            "type": "string"
          },
          "input_variables": {},
          "intent": {
            "description": "Another name for interaction_type",
            "type": "string"
          },
          "interaction_type": {
            "type": "string"
          },
          "ip_address": {
            "type": "string"
          },
          "latency_ms": {
            "type": "number"
          },
          "metadata": {
            "type": "object"
          },
          "missing_variables": {
            "items": {
              "type": "string"
            },
            "type": "array"
          },
          "output_text": {
            "type": "string"
          },
          "persona_id": {
            "type": "string"
          },
          "prompt_hash": {
            "type": "string"
          },
          "prompt_id": {
            "type": "string"
          },
          "prompt_version": {
            "type": "string"
          },
          "quality_score": {
            "type": "integer"
          },
          "request": {},
          "response": {},
          "session_id": {
            "type": "string"
          },
          "sql_queries": {
            "items": {
              "$ref": "#/components/schemas/SQLQueryInput"
            },
            "type": "array"
          },
          "sql_results_count": {
            "description": "The result count of a single statement",
            "minimum": 0,
            "type": "integer"
          },
          "status": {
            "enum": [
              "success",
              "error",
              "partial"
            ]
          },
          "structured_output": {},
          "user_id": {
            "type": "string"
          }
        },
        "type": "object"
      },
      "OTLPTraces": {
        "properties": {
          "resourceSpans": {
            "items": {
              "type": "object"
            },
            "type": "array"
          }
        },
        "type": "object"
      },
      "Price": {
        "properties": {
          "effective_from": {
            "type": "string"
          },
          "input": {
            "type": [
              "string",
              "number"
            ]
          },
          "model": {
            "type": "string"
          },
          "output": {
            "type": [
              "string",
              "number"
            ]
          },
          "provider": {
            "type": "string"
          },
          "source": {
            "type": "string"
          },
          "tiers": {
            "type": "array"
          }
        },
        "required": [
          "model",
          "effective_from"
        ],
        "type": "object"
      },
      "Prices": {
        "properties": {
          "prices": {
            "items": {
              "$ref": "#/components/schemas/Price"
            },
            "type": "array"
          }
        },
        "required": [
          "prices"
        ],
        "type": "object"
      },
      "RpcStatus": {
        "properties": {
          "code": {
            "type": "integer"
          },
          "message": {
            "type": "string"
          }
        },
        "required": [
          "message"
        ],
        "type": "object"
      },
      "SQLQuery": {
        "properties": {
          "database": {
            "type": "string"
          },
          "duration_ms": {
            "type": "number"
          },
          "error_message": {
            "type": "string"
          },
          "result_count": {
            "minimum": 0,
            "type": "integer"
          },
          "statement": {
            "type": "string"
          },
          "status": {
            "enum": [
              "success",
              "error",
              "partial"
            ]
          }
        },
        "required": [
          "statement",
          "status"
        ],
        "type": "object"
      },
      "SQLQueryGroup": {
        "properties": {
          "average_duration_ms": {
            "type": [
              "number",
              "null"
            ]
          },
          "failed": {
            "type": "integer"
          },
          "key": {
            "type": [
              "string",
              "null"
            ]
          },
          "queries": {
            "type": "integer"
          },
          "results": {
            "type": "integer"
          }
        },
        "type": "object"
      },
      "SQLQueryInput": {
        "oneOf": [
          {
            "type": "string"
          },
          {
            "additionalProperties": false,
            "properties": {
              "database": {
                "type": "string"
              },
              "duration_ms": {
                "type": "number"
              },
              "error_message": {
                "type": "string"
              },
              "result_count": {
                "minimum": 0,
                "type": "integer"
              },
              "statement": {
                "type": "string"
              },
              "status": {
                "enum": [
                  "success",
                  "error",
                  "partial"
                ]
              }
            },
            "required": [
              "statement"
            ],
            "type": "object"
          }
        ]
      },
      "SQLQueryReport": {
        "properties": {
          "average_duration_ms": {
            "type": [
              "number",
              "null"
            ]
          },
          "average_results": {
            "type": [
              "number",
              "null"
            ]
          },
          "by_database": {
            "items": {
              "$ref": "#/components/schemas/SQLQueryGroup"
            },
            "type": "array"
          },
          "by_intent": {
            "items": {
              "$ref": "#/components/schemas/SQLQueryGroup"
            },
            "type": "array"
          },
          "failed": {
            "type": "integer"
          },
          "interactions": {
            "type": "integer"
          },
          "queries": {
            "type": "integer"
          },
          "recent_failures": {
            "items": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/SQLQuery"
                },
                {
                  "properties": {
                    "at": {
                      "type": "string"
                    },
                    "interaction_id": {
                      "format": "uuid",
                      "type": "string"
                    }
                  },
                  "type": "object"
                }
              ]
            },
            "type": "array"
          },
          "results": {
            "type": "integer"
          },
          "success_rate": {
            "type": [
              "number",
              "null"
            ]
          },
          "top_statements": {
            "items": {
              "properties": {
                "average_duration_ms": {
                  "type": [
                    "number",
                    "null"
                  ]
                },
                "failed": {
                  "type": "integer"
                },
                "fingerprint": {
                  "type": "string"
                },
                "last_run_at": {
                  "type": "string"
                },
                "queries": {
                  "type": "integer"
                },
                "results": {
                  "type": "integer"
                }
              },
              "type": "object"
            },
            "type": "array"
          }
        },
        "required": [
          "queries",
          "interactions",
          "failed",
          "results",
          "by_database",
          "by_intent",
          "top_statements",
          "recent_failures"
        ],
        "type": "object"
      },
      "Summary": {
        "properties": {
          "average_latency_ms": {
            "type": [
              "number",
              "null"
            ]
          },
          "cache_read_tokens": {
            "type": [
              "integer",
              "null"
            ]
          },
          "cache_write_tokens": {
            "type": [
              "integer",
              "null"
            ]
          },
          "calls": {
            "type": "integer"
          },
          "cost_usd": {
            "type": "string"
          },
          "errors": {
            "type": "integer"
          },
          "input_tokens": {
            "type": [
              "integer",
              "null"
            ]
          },
          "output_tokens": {
            "type": [
              "integer",
              "null"
            ]
          },
          "partials": {
            "type": "integer"
          },
          "reasoning_tokens": {
            "type": [
              "integer",
              "null"
            ]
          },
          "successes": {
            "type": "integer"
          },
          "unpriced_calls": {
            "type": "integer"
          }
        },
        "required": [
          "calls",
          "cost_usd"
        ],
        "type": "object"
      },
      "Transcript": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Conversation"
          },
          {
            "properties": {
              "other_calls": {
                "items": {
                  "$ref": "#/components/schemas/Call"
                },
                "type": "array"
              },
              "totals": {
                "$ref": "#/components/schemas/Summary"
              },
              "turns": {
                "items": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/Interaction"
                    },
                    {
                      "properties": {
                        "calls": {
                          "items": {
                            "$ref": "#/components/schemas/Call"
                          },
                          "type": "array"
                        }
                      },
                      "type": "object"
                    }
                  ]
                },
                "type": "array"
              }
            },
            "required": [
              "turns",
              "other_calls",
              "totals"
            ],
            "type": "object"
          }
        ]
      }
    },
    "securitySchemes": {
      "bearer": {
        "scheme": "bearer",
        "type": "http"
      }
    }
  },
  "info": {
    "description": "The ledger of AI calls, interactions and conversations, over HTTP. Every route but the health checks and this document needs an API key (Authorization: Bearer KEY). Request bodies may be gzipped (Content-Encoding: gzip); the limit applies after decompression.",
    "title": "AILedger",
    "version": "1"
  },
  "openapi": "3.1.0",
  "paths": {
    "/healthz": {
      "get": {
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "properties": {
                    "status": {
                      "type": "string"
                    }
                  },
                  "required": [
                    "status"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "OK"
          }
        },
        "security": [],
        "summary": "The process is up"
      }
    },
    "/logging-dashboard/conversation/{conversation_id}/detailed": {
      "get": {
        "parameters": [
          {
            "in": "path",
            "name": "conversation_id",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/Transcript"
                    },
                    {
                      "properties": {
                        "summary": {
                          "type": "object"
                        }
                      },
                      "required": [
                        "summary"
                      ],
                      "type": "object"
                    }
                  ]
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Seed 004: a conversation in full, by its id or the application's own id"
      }
    },
    "/logging-dashboard/llm-calls/analysis": {
      "get": {
        "parameters": [
          {
            "description": "Hours to look back (default 24)",
            "in": "query",
            "name": "hours",
            "required": false,
            "schema": {
              "maximum": 87600,
              "minimum": 1,
              "type": "integer"
            }
          },
          {
            "in": "query",
            "name": "model",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "in": "query",
            "name": "function_name",
            "required": false,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "properties": {
                    "by_function": {
                      "items": {
                        "$ref": "#/components/schemas/Group"
                      },
                      "type": "array"
                    },
                    "by_model": {
                      "items": {
                        "$ref": "#/components/schemas/Group"
                      },
                      "type": "array"
                    },
                    "function_name": {
                      "type": [
                        "string",
                        "null"
                      ]
                    },
                    "hourly": {
                      "items": {
                        "$ref": "#/components/schemas/Group"
                      },
                      "type": "array"
                    },
                    "hours": {
                      "type": "integer"
                    },
                    "model": {
                      "type": [
                        "string",
                        "null"
                      ]
                    },
                    "recent_failures": {
                      "items": {
                        "type": "object"
                      },
                      "type": "array"
                    },
                    "since": {
                      "type": "string"
                    },
                    "summary": {
                      "$ref": "#/components/schemas/CallTotals"
                    }
                  },
                  "required": [
                    "hours",
                    "summary",
                    "by_model",
                    "by_function",
                    "hourly",
                    "recent_failures"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Seed 004: model calls over the last hours, per model, function and hour, and the latest failures"
      }
    },
    "/logging-dashboard/overview": {
      "get": {
        "parameters": [
          {
            "description": "Hours to look back (default 24)",
            "in": "query",
            "name": "hours",
            "required": false,
            "schema": {
              "maximum": 87600,
              "minimum": 1,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "properties": {
                    "conversations": {
                      "type": "integer"
                    },
                    "hours": {
                      "type": "integer"
                    },
                    "llm_calls": {
                      "$ref": "#/components/schemas/CallTotals"
                    },
                    "messages": {
                      "type": "object"
                    },
                    "since": {
                      "type": "string"
                    },
                    "sql_queries": {
                      "type": "object"
                    },
                    "top_functions": {
                      "items": {
                        "$ref": "#/components/schemas/Group"
                      },
                      "type": "array"
                    },
                    "top_models": {
                      "items": {
                        "$ref": "#/components/schemas/Group"
                      },
                      "type": "array"
                    },
                    "users": {
                      "type": "integer"
                    }
                  },
                  "required": [
                    "hours",
                    "messages",
                    "llm_calls",
                    "top_models",
                    "top_functions",
                    "sql_queries"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Seed 004: messages, model calls, cost and SQL over the last hours"
      }
    },
    "/logging-dashboard/sql-queries/analysis": {
      "get": {
        "parameters": [
          {
            "description": "Hours to look back (default 24)",
            "in": "query",
            "name": "hours",
            "required": false,
            "schema": {
              "maximum": 87600,
              "minimum": 1,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/SQLQueryReport"
                    },
                    {
                      "properties": {
                        "hours": {
                          "type": "integer"
                        },
                        "since": {
                          "type": "string"
                        }
                      },
                      "required": [
                        "hours"
                      ],
                      "type": "object"
                    }
                  ]
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Seed 004: the SQL interactions ran over the last hours"
      }
    },
    "/metrics": {
      "get": {
        "responses": {
          "200": {
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            },
            "description": "The metrics"
          }
        },
        "security": [],
        "summary": "Prometheus text: requests by route and status, latency histograms, the writer's counters"
      }
    },
    "/openapi.json": {
      "get": {
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            },
            "description": "OK"
          }
        },
        "security": [],
        "summary": "This document"
      }
    },
    "/readyz": {
      "get": {
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "properties": {
                    "status": {
                      "type": "string"
                    }
                  },
                  "required": [
                    "status"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "OK"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "security": [],
        "summary": "The database answers and nothing waits in the outbox"
      }
    },
    "/v1/batch": {
      "post": {
        "parameters": [
          {
            "description": "Answer once the records are committed",
            "in": "query",
            "name": "wait",
            "required": false,
            "schema": {
              "enum": [
                "commit"
              ]
            }
          }
        ],
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "additionalProperties": false,
                "properties": {
                  "calls": {
                    "items": {
                      "$ref": "#/components/schemas/CallInput"
                    },
                    "type": "array"
                  },
                  "conversations": {
                    "items": {
                      "$ref": "#/components/schemas/ConversationInput"
                    },
                    "type": "array"
                  },
                  "feedback": {
                    "items": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Feedback"
                        }
                      ],
                      "properties": {
                        "interaction_id": {
                          "format": "uuid",
                          "type": "string"
                        }
                      },
                      "type": "object"
                    },
                    "type": "array"
                  },
                  "interactions": {
                    "items": {
                      "$ref": "#/components/schemas/InteractionInput"
                    },
                    "type": "array"
                  }
                },
                "type": "object"
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Ingested"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Any mix of records, and feedback"
      }
    },
    "/v1/calls": {
      "get": {
        "parameters": [
          {
            "$ref": "#/components/parameters/since"
          },
          {
            "$ref": "#/components/parameters/until"
          },
          {
            "$ref": "#/components/parameters/user_id"
          },
          {
            "$ref": "#/components/parameters/model"
          },
          {
            "$ref": "#/components/parameters/provider"
          },
          {
            "$ref": "#/components/parameters/status"
          },
          {
            "$ref": "#/components/parameters/call_type"
          },
          {
            "$ref": "#/components/parameters/interaction_type"
          },
          {
            "$ref": "#/components/parameters/conversation_id"
          },
          {
            "$ref": "#/components/parameters/interaction_id"
          },
          {
            "$ref": "#/components/parameters/prompt_id"
          },
          {
            "$ref": "#/components/parameters/prompt_version"
          },
          {
            "$ref": "#/components/parameters/feedback"
          },
          {
            "$ref": "#/components/parameters/min_quality_score"
          },
          {
            "$ref": "#/components/parameters/max_quality_score"
          },
          {
            "$ref": "#/components/parameters/min_cost_usd"
          },
          {
            "$ref": "#/components/parameters/missing_variable"
          },
          {
            "$ref": "#/components/parameters/has_missing_variables"
          },
          {
            "$ref": "#/components/parameters/device_id"
          },
          {
            "$ref": "#/components/parameters/contact_id"
          },
          {
            "$ref": "#/components/parameters/persona_id"
          },
          {
            "$ref": "#/components/parameters/text"
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/after"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "properties": {
                    "calls": {
                      "items": {
                        "$ref": "#/components/schemas/Call"
                      },
                      "type": "array"
                    },
                    "next": {
                      "type": [
                        "string",
                        "null"
                      ]
                    }
                  },
                  "required": [
                    "calls",
                    "next"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "A page of calls, newest first"
      },
      "post": {
        "parameters": [
          {
            "description": "Answer once the records are committed",
            "in": "query",
            "name": "wait",
            "required": false,
            "schema": {
              "enum": [
                "commit"
              ]
            }
          }
        ],
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/CallInput"
                  },
                  {
                    "items": {
                      "$ref": "#/components/schemas/CallInput"
                    },
                    "type": "array"
                  }
                ]
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Ingested"
                }
              }
            },
            "description": "Accepted records, and the rejected ones by index and field"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Record calls"
      }
    },
    "/v1/calls/{id}": {
      "get": {
        "parameters": [
          {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": {
              "format": "uuid",
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Call"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "One of the calls by id"
      }
    },
    "/v1/conversations": {
      "get": {
        "parameters": [
          {
            "$ref": "#/components/parameters/since"
          },
          {
            "$ref": "#/components/parameters/until"
          },
          {
            "$ref": "#/components/parameters/user_id"
          },
          {
            "$ref": "#/components/parameters/model"
          },
          {
            "$ref": "#/components/parameters/provider"
          },
          {
            "$ref": "#/components/parameters/status"
          },
          {
            "$ref": "#/components/parameters/call_type"
          },
          {
            "$ref": "#/components/parameters/interaction_type"
          },
          {
            "$ref": "#/components/parameters/conversation_id"
          },
          {
            "$ref": "#/components/parameters/interaction_id"
          },
          {
            "$ref": "#/components/parameters/prompt_id"
          },
          {
            "$ref": "#/components/parameters/prompt_version"
          },
          {
            "$ref": "#/components/parameters/feedback"
          },
          {
            "$ref": "#/components/parameters/min_quality_score"
          },
          {
            "$ref": "#/components/parameters/max_quality_score"
          },
          {
            "$ref": "#/components/parameters/min_cost_usd"
          },
          {
            "$ref": "#/components/parameters/missing_variable"
          },
          {
            "$ref": "#/components/parameters/has_missing_variables"
          },
          {
            "$ref": "#/components/parameters/device_id"
          },
          {
            "$ref": "#/components/parameters/contact_id"
          },
          {
            "$ref": "#/components/parameters/persona_id"
          },
          {
            "$ref": "#/components/parameters/text"
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/after"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "properties": {
                    "conversations": {
                      "items": {
                        "$ref": "#/components/schemas/Conversation"
                      },
                      "type": "array"
                    },
                    "next": {
                      "type": [
                        "string",
                        "null"
                      ]
                    }
                  },
                  "required": [
                    "conversations",
                    "next"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "A page of conversations, newest first"
      },
      "post": {
        "parameters": [
          {
            "description": "Answer once the records are committed",
            "in": "query",
            "name": "wait",
            "required": false,
            "schema": {
              "enum": [
                "commit"
              ]
            }
          }
        ],
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/ConversationInput"
                  },
                  {
                    "items": {
                      "$ref": "#/components/schemas/ConversationInput"
                    },
                    "type": "array"
                  }
                ]
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Ingested"
                }
              }
            },
            "description": "Accepted records, and the rejected ones by index and field"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Record conversations"
      }
    },
    "/v1/conversations/{id}": {
      "get": {
        "parameters": [
          {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": {
              "format": "uuid",
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Transcript"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "One of the conversations by id"
      }
    },
    "/v1/export/{kind}": {
      "get": {
        "parameters": [
          {
            "in": "path",
            "name": "kind",
            "required": true,
            "schema": {
              "enum": [
                "calls",
                "interactions",
                "conversations"
              ]
            }
          },
          {
            "in": "query",
            "name": "format",
            "required": false,
            "schema": {
              "enum": [
                "csv",
                "jsonl"
              ]
            }
          },
          {
            "$ref": "#/components/parameters/since"
          },
          {
            "$ref": "#/components/parameters/until"
          },
          {
            "$ref": "#/components/parameters/user_id"
          },
          {
            "$ref": "#/components/parameters/model"
          },
          {
            "$ref": "#/components/parameters/provider"
          },
          {
            "$ref": "#/components/parameters/status"
          },
          {
            "$ref": "#/components/parameters/call_type"
          },
          {
            "$ref": "#/components/parameters/interaction_type"
          },
          {
            "$ref": "#/components/parameters/conversation_id"
          },
          {
            "$ref": "#/components/parameters/interaction_id"
          },
          {
            "$ref": "#/components/parameters/prompt_id"
          },
          {
            "$ref": "#/components/parameters/prompt_version"
          },
          {
            "$ref": "#/components/parameters/feedback"
          },
          {
            "$ref": "#/components/parameters/min_quality_score"
          },
          {
            "$ref": "#/components/parameters/max_quality_score"
          },
          {
            "$ref": "#/components/parameters/min_cost_usd"
          },
          {
            "$ref": "#/components/parameters/missing_variable"
          },
          {
            "$ref": "#/components/parameters/has_missing_variables"
          },
          {
            "$ref": "#/components/parameters/device_id"
          },
          {
            "$ref": "#/components/parameters/contact_id"
          },
          {
            "$ref": "#/components/parameters/persona_id"
          },
          {
            "$ref": "#/components/parameters/text"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/jsonl": {
                "schema": {
                  "type": "string"
                }
              },
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              }
            },
            "description": "The records"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Every matching record as CSV or JSON Lines, streamed"
      }
    },
    "/v1/interactions": {
      "get": {
        "parameters": [
          {
            "$ref": "#/components/parameters/since"
          },
          {
            "$ref": "#/components/parameters/until"
          },
          {
            "$ref": "#/components/parameters/user_id"
          },
          {
            "$ref": "#/components/parameters/model"
          },
          {
            "$ref": "#/components/parameters/provider"
          },
          {
            "$ref": "#/components/parameters/status"
          },
          {
            "$ref": "#/components/parameters/call_type"
          },
          {
            "$ref": "#/components/parameters/interaction_type"
          },
          {
            "$ref": "#/components/parameters/conversation_id"
          },
          {
            "$ref": "#/components/parameters/interaction_id"
          },
          {
            "$ref": "#/components/parameters/prompt_id"
          },
          {
            "$ref": "#/components/parameters/prompt_version"
          },
          {
            "$ref": "#/components/parameters/feedback"
          },
          {
            "$ref": "#/components/parameters/min_quality_score"
          },
          {
            "$ref": "#/components/parameters/max_quality_score"
          },
          {
            "$ref": "#/components/parameters/min_cost_usd"
          },
          {
            "$ref": "#/components/parameters/missing_variable"
          },
          {
            "$ref": "#/components/parameters/has_missing_variables"
          },
          {
            "$ref": "#/components/parameters/device_id"
          },
          {
            "$ref": "#/components/parameters/contact_id"
          },
          {
            "$ref": "#/components/parameters/persona_id"
          },
          {
            "$ref": "#/components/parameters/text"
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/after"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "properties": {
                    "interactions": {
                      "items": {
                        "$ref": "#/components/schemas/Interaction"
                      },
                      "type": "array"
                    },
                    "next": {
                      "type": [
                        "string",
                        "null"
                      ]
                    }
                  },
                  "required": [
                    "interactions",
                    "next"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "A page of interactions, newest first"
      },
      "post": {
        "parameters": [
          {
            "description": "Answer once the records are committed",
            "in": "query",
            "name": "wait",
            "required": false,
            "schema": {
              "enum": [
                "commit"
              ]
            }
          }
        ],
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/InteractionInput"
                  },
                  {
                    "items": {
                      "$ref": "#/components/schemas/InteractionInput"
                    },
                    "type": "array"
                  }
                ]
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Ingested"
                }
              }
            },
            "description": "Accepted records, and the rejected ones by index and field"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Record interactions"
      }
    },
    "/v1/interactions/{id}": {
      "get": {
        "parameters": [
          {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": {
              "format": "uuid",
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Interaction"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "One of the interactions by id"
      }
    },
    "/v1/interactions/{id}/feedback": {
      "post": {
        "parameters": [
          {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": {
              "format": "uuid",
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Feedback"
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "properties": {
                    "recorded": {
                      "type": "boolean"
                    }
                  },
                  "required": [
                    "recorded"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "A user's verdict on an interaction"
      }
    },
    "/v1/prices": {
      "get": {
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Prices"
                }
              }
            },
            "description": "OK"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          }
        },
        "summary": "The prices calls are billed at, in the price-file format"
      },
      "post": {
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Prices"
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "properties": {
                    "stored": {
                      "type": "integer"
                    }
                  },
                  "required": [
                    "stored"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Store prices for every process using the database (admin)"
      }
    },
    "/v1/prices/{model}": {
      "get": {
        "parameters": [
          {
            "in": "path",
            "name": "model",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "in": "query",
            "name": "provider",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "description": "When the call was made (default: now)",
            "in": "query",
            "name": "at",
            "required": false,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "properties": {
                    "model": {
                      "type": "string"
                    },
                    "price": {
                      "$ref": "#/components/schemas/Price"
                    },
                    "rule": {
                      "enum": [
                        "exact",
                        "snapshot",
                        "pattern"
                      ]
                    }
                  },
                  "required": [
                    "model",
                    "rule",
                    "price"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          }
        },
        "summary": "The price a call to a model is billed at, and the rule that found it"
      }
    },
    "/v1/stats/by/{dimension}": {
      "get": {
        "parameters": [
          {
            "in": "path",
            "name": "dimension",
            "required": true,
            "schema": {
              "enum": [
                "model",
                "provider",
                "user",
                "call-type",
                "status",
                "conversation",
                "error-code",
                "interaction-type",
                "prompt-version",
                "persona",
                "device",
                "contact"
              ]
            }
          },
          {
            "in": "query",
            "name": "top",
            "required": false,
            "schema": {
              "maximum": 99999999,
              "minimum": 1,
              "type": "integer"
            }
          },
          {
            "$ref": "#/components/parameters/since"
          },
          {
            "$ref": "#/components/parameters/until"
          },
          {
            "$ref": "#/components/parameters/user_id"
          },
          {
            "$ref": "#/components/parameters/model"
          },
          {
            "$ref": "#/components/parameters/provider"
          },
          {
            "$ref": "#/components/parameters/status"
          },
          {
            "$ref": "#/components/parameters/call_type"
          },
          {
            "$ref": "#/components/parameters/interaction_type"
          },
          {
            "$ref": "#/components/parameters/conversation_id"
          },
          {
            "$ref": "#/components/parameters/interaction_id"
          },
          {
            "$ref": "#/components/parameters/prompt_id"
          },
          {
            "$ref": "#/components/parameters/prompt_version"
          },
          {
            "$ref": "#/components/parameters/feedback"
          },
          {
            "$ref": "#/components/parameters/min_quality_score"
          },
          {
            "$ref": "#/components/parameters/max_quality_score"
          },
          {
            "$ref": "#/components/parameters/min_cost_usd"
          },
          {
            "$ref": "#/components/parameters/missing_variable"
          },
          {
            "$ref": "#/components/parameters/has_missing_variables"
          },
          {
            "$ref": "#/components/parameters/device_id"
          },
          {
            "$ref": "#/components/parameters/contact_id"
          },
          {
            "$ref": "#/components/parameters/persona_id"
          },
          {
            "$ref": "#/components/parameters/text"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Groups"
                }
              }
            },
            "description": "OK",
            "headers": {
              "AILedger-Source": {
                "description": "Where the answer was read from: the hourly or daily rollups, or the raw rows",
                "schema": {
                  "enum": [
                    "rollups",
                    "raw-rows"
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Totals per value of a dimension, most expensive first"
      }
    },
    "/v1/stats/data-quality": {
      "get": {
        "parameters": [
          {
            "$ref": "#/components/parameters/since"
          },
          {
            "$ref": "#/components/parameters/until"
          },
          {
            "$ref": "#/components/parameters/user_id"
          },
          {
            "$ref": "#/components/parameters/model"
          },
          {
            "$ref": "#/components/parameters/provider"
          },
          {
            "$ref": "#/components/parameters/status"
          },
          {
            "$ref": "#/components/parameters/call_type"
          },
          {
            "$ref": "#/components/parameters/interaction_type"
          },
          {
            "$ref": "#/components/parameters/conversation_id"
          },
          {
            "$ref": "#/components/parameters/interaction_id"
          },
          {
            "$ref": "#/components/parameters/prompt_id"
          },
          {
            "$ref": "#/components/parameters/prompt_version"
          },
          {
            "$ref": "#/components/parameters/feedback"
          },
          {
            "$ref": "#/components/parameters/min_quality_score"
          },
          {
            "$ref": "#/components/parameters/max_quality_score"
          },
          {
            "$ref": "#/components/parameters/min_cost_usd"
          },
          {
            "$ref": "#/components/parameters/missing_variable"
          },
          {
            "$ref": "#/components/parameters/has_missing_variables"
          },
          {
            "$ref": "#/components/parameters/device_id"
          },
          {
            "$ref": "#/components/parameters/contact_id"
          },
          {
            "$ref": "#/components/parameters/persona_id"
          },
          {
            "$ref": "#/components/parameters/text"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "properties": {
                    "completeness": {
                      "type": [
                        "number",
                        "null"
                      ]
                    },
                    "interactions": {
                      "type": "integer"
                    },
                    "missing_variables": {
                      "items": {
                        "properties": {
                          "count": {
                            "type": "integer"
                          },
                          "interaction_type": {
                            "type": [
                              "string",
                              "null"
                            ]
                          },
                          "variable": {
                            "type": "string"
                          }
                        },
                        "type": "object"
                      },
                      "type": "array"
                    },
                    "with_missing_variables": {
                      "type": "integer"
                    }
                  },
                  "required": [
                    "interactions",
                    "with_missing_variables",
                    "missing_variables"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Interactions that arrived with input variables missing"
      }
    },
    "/v1/stats/failures": {
      "get": {
        "parameters": [
          {
            "$ref": "#/components/parameters/since"
          },
          {
            "$ref": "#/components/parameters/until"
          },
          {
            "$ref": "#/components/parameters/user_id"
          },
          {
            "$ref": "#/components/parameters/model"
          },
          {
            "$ref": "#/components/parameters/provider"
          },
          {
            "$ref": "#/components/parameters/status"
          },
          {
            "$ref": "#/components/parameters/call_type"
          },
          {
            "$ref": "#/components/parameters/interaction_type"
          },
          {
            "$ref": "#/components/parameters/conversation_id"
          },
          {
            "$ref": "#/components/parameters/interaction_id"
          },
          {
            "$ref": "#/components/parameters/prompt_id"
          },
          {
            "$ref": "#/components/parameters/prompt_version"
          },
          {
            "$ref": "#/components/parameters/feedback"
          },
          {
            "$ref": "#/components/parameters/min_quality_score"
          },
          {
            "$ref": "#/components/parameters/max_quality_score"
          },
          {
            "$ref": "#/components/parameters/min_cost_usd"
          },
          {
            "$ref": "#/components/parameters/missing_variable"
          },
          {
            "$ref": "#/components/parameters/has_missing_variables"
          },
          {
            "$ref": "#/components/parameters/device_id"
          },
          {
            "$ref": "#/components/parameters/contact_id"
          },
          {
            "$ref": "#/components/parameters/persona_id"
          },
          {
            "$ref": "#/components/parameters/text"
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/after"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "properties": {
                    "failures": {
                      "items": {
                        "allOf": [
                          {
                            "$ref": "#/components/schemas/Call"
                          },
                          {
                            "properties": {
                              "interaction": {
                                "oneOf": [
                                  {
                                    "$ref": "#/components/schemas/Interaction"
                                  },
                                  {
                                    "type": "null"
                                  }
                                ]
                              }
                            },
                            "type": "object"
                          }
                        ]
                      },
                      "type": "array"
                    },
                    "next": {
                      "type": [
                        "string",
                        "null"
                      ]
                    }
                  },
                  "required": [
                    "failures",
                    "next"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Failed calls, newest first, each with its interaction"
      }
    },
    "/v1/stats/feedback": {
      "get": {
        "parameters": [
          {
            "$ref": "#/components/parameters/since"
          },
          {
            "$ref": "#/components/parameters/until"
          },
          {
            "$ref": "#/components/parameters/user_id"
          },
          {
            "$ref": "#/components/parameters/model"
          },
          {
            "$ref": "#/components/parameters/provider"
          },
          {
            "$ref": "#/components/parameters/status"
          },
          {
            "$ref": "#/components/parameters/call_type"
          },
          {
            "$ref": "#/components/parameters/interaction_type"
          },
          {
            "$ref": "#/components/parameters/conversation_id"
          },
          {
            "$ref": "#/components/parameters/interaction_id"
          },
          {
            "$ref": "#/components/parameters/prompt_id"
          },
          {
            "$ref": "#/components/parameters/prompt_version"
          },
          {
            "$ref": "#/components/parameters/feedback"
          },
          {
            "$ref": "#/components/parameters/min_quality_score"
          },
          {
            "$ref": "#/components/parameters/max_quality_score"
          },
          {
            "$ref": "#/components/parameters/min_cost_usd"
          },
          {
            "$ref": "#/components/parameters/missing_variable"
          },
          {
            "$ref": "#/components/parameters/has_missing_variables"
          },
          {
            "$ref": "#/components/parameters/device_id"
          },
          {
            "$ref": "#/components/parameters/contact_id"
          },
          {
            "$ref": "#/components/parameters/persona_id"
          },
          {
            "$ref": "#/components/parameters/text"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "properties": {
                    "prompts": {
                      "items": {
                        "properties": {
                          "acceptance_rate": {
                            "type": [
                              "number",
                              "null"
                            ]
                          },
                          "accepted": {
                            "type": "integer"
                          },
                          "average_edit_distance": {
                            "type": [
                              "number",
                              "null"
                            ]
                          },
                          "average_quality_score": {
                            "type": [
                              "number",
                              "null"
                            ]
                          },
                          "interactions": {
                            "type": "integer"
                          },
                          "modified": {
                            "type": "integer"
                          },
                          "prompt_id": {
                            "type": [
                              "string",
                              "null"
                            ]
                          },
                          "prompt_version": {
                            "type": [
                              "string",
                              "null"
                            ]
                          },
                          "rejected": {
                            "type": "integer"
                          }
                        },
                        "type": "object"
                      },
                      "type": "array"
                    }
                  },
                  "required": [
                    "prompts"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Users' verdicts per prompt and version"
      }
    },
    "/v1/stats/interactions": {
      "get": {
        "parameters": [
          {
            "$ref": "#/components/parameters/since"
          },
          {
            "$ref": "#/components/parameters/until"
          },
          {
            "$ref": "#/components/parameters/user_id"
          },
          {
            "$ref": "#/components/parameters/model"
          },
          {
            "$ref": "#/components/parameters/provider"
          },
          {
            "$ref": "#/components/parameters/status"
          },
          {
            "$ref": "#/components/parameters/call_type"
          },
          {
            "$ref": "#/components/parameters/interaction_type"
          },
          {
            "$ref": "#/components/parameters/conversation_id"
          },
          {
            "$ref": "#/components/parameters/interaction_id"
          },
          {
            "$ref": "#/components/parameters/prompt_id"
          },
          {
            "$ref": "#/components/parameters/prompt_version"
          },
          {
            "$ref": "#/components/parameters/feedback"
          },
          {
            "$ref": "#/components/parameters/min_quality_score"
          },
          {
            "$ref": "#/components/parameters/max_quality_score"
          },
          {
            "$ref": "#/components/parameters/min_cost_usd"
          },
          {
            "$ref": "#/components/parameters/missing_variable"
          },
          {
            "$ref": "#/components/parameters/has_missing_variables"
          },
          {
            "$ref": "#/components/parameters/device_id"
          },
          {
            "$ref": "#/components/parameters/contact_id"
          },
          {
            "$ref": "#/components/parameters/persona_id"
          },
          {
            "$ref": "#/components/parameters/text"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "properties": {
                    "average_latency_ms": {
                      "type": [
                        "number",
                        "null"
                      ]
                    },
                    "average_quality_score": {
                      "type": [
                        "number",
                        "null"
                      ]
                    },
                    "by_type": {
                      "items": {
                        "properties": {
                          "errors": {
                            "type": "integer"
                          },
                          "interaction_type": {
                            "type": [
                              "string",
                              "null"
                            ]
                          },
                          "interactions": {
                            "type": "integer"
                          }
                        },
                        "required": [
                          "interaction_type",
                          "interactions",
                          "errors"
                        ],
                        "type": "object"
                      },
                      "type": "array"
                    },
                    "completeness": {
                      "type": [
                        "number",
                        "null"
                      ]
                    },
                    "conversations": {
                      "type": "integer"
                    },
                    "errors": {
                      "type": "integer"
                    },
                    "feedback": {
                      "properties": {
                        "accepted": {
                          "type": "integer"
                        },
                        "modified": {
                          "type": "integer"
                        },
                        "none": {
                          "type": "integer"
                        },
                        "rejected": {
                          "type": "integer"
                        }
                      },
                      "required": [
                        "accepted",
                        "rejected",
                        "modified",
                        "none"
                      ],
                      "type": "object"
                    },
                    "interactions": {
                      "type": "integer"
                    },
                    "latency_p50_ms": {
                      "type": [
                        "number",
                        "null"
                      ]
                    },
                    "latency_p95_ms": {
                      "type": [
                        "number",
                        "null"
                      ]
                    },
                    "latency_p99_ms": {
                      "type": [
                        "number",
                        "null"
                      ]
                    },
                    "partials": {
                      "type": "integer"
                    },
                    "success_rate": {
                      "type": [
                        "number",
                        "null"
                      ]
                    },
                    "successes": {
                      "type": "integer"
                    },
                    "users": {
                      "type": "integer"
                    },
                    "with_missing_variables": {
                      "type": "integer"
                    }
                  },
                  "required": [
                    "interactions",
                    "successes",
                    "errors",
                    "partials",
                    "feedback",
                    "by_type"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Interactions by outcome and type, processing-time percentiles, feedback and quality"
      }
    },
    "/v1/stats/latency/{bucket}": {
      "get": {
        "parameters": [
          {
            "in": "path",
            "name": "bucket",
            "required": true,
            "schema": {
              "enum": [
                "hour",
                "day",
                "week",
                "month"
              ]
            }
          },
          {
            "$ref": "#/components/parameters/since"
          },
          {
            "$ref": "#/components/parameters/until"
          },
          {
            "$ref": "#/components/parameters/user_id"
          },
          {
            "$ref": "#/components/parameters/model"
          },
          {
            "$ref": "#/components/parameters/provider"
          },
          {
            "$ref": "#/components/parameters/status"
          },
          {
            "$ref": "#/components/parameters/call_type"
          },
          {
            "$ref": "#/components/parameters/interaction_type"
          },
          {
            "$ref": "#/components/parameters/conversation_id"
          },
          {
            "$ref": "#/components/parameters/interaction_id"
          },
          {
            "$ref": "#/components/parameters/prompt_id"
          },
          {
            "$ref": "#/components/parameters/prompt_version"
          },
          {
            "$ref": "#/components/parameters/feedback"
          },
          {
            "$ref": "#/components/parameters/min_quality_score"
          },
          {
            "$ref": "#/components/parameters/max_quality_score"
          },
          {
            "$ref": "#/components/parameters/min_cost_usd"
          },
          {
            "$ref": "#/components/parameters/missing_variable"
          },
          {
            "$ref": "#/components/parameters/has_missing_variables"
          },
          {
            "$ref": "#/components/parameters/device_id"
          },
          {
            "$ref": "#/components/parameters/contact_id"
          },
          {
            "$ref": "#/components/parameters/persona_id"
          },
          {
            "$ref": "#/components/parameters/text"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "properties": {
                    "buckets": {
                      "items": {
                        "properties": {
                          "latency_p50_ms": {
                            "type": [
                              "number",
                              "null"
                            ]
                          },
                          "latency_p95_ms": {
                            "type": [
                              "number",
                              "null"
                            ]
                          },
                          "latency_p99_ms": {
                            "type": [
                              "number",
                              "null"
                            ]
                          },
                          "start": {
                            "type": "string"
                          },
                          "timed_calls": {
                            "type": "integer"
                          }
                        },
                        "required": [
                          "start",
                          "timed_calls",
                          "latency_p50_ms",
                          "latency_p95_ms",
                          "latency_p99_ms"
                        ],
                        "type": "object"
                      },
                      "type": "array"
                    }
                  },
                  "required": [
                    "buckets"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "OK",
            "headers": {
              "AILedger-Source": {
                "description": "Where the answer was read from: the hourly or daily rollups, or the raw rows",
                "schema": {
                  "enum": [
                    "rollups",
                    "raw-rows"
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Latency percentiles (nearest rank) per time bucket, in time order; buckets without a timed call left out"
      }
    },
    "/v1/stats/overview": {
      "get": {
        "parameters": [
          {
            "$ref": "#/components/parameters/since"
          },
          {
            "$ref": "#/components/parameters/until"
          },
          {
            "$ref": "#/components/parameters/user_id"
          },
          {
            "$ref": "#/components/parameters/model"
          },
          {
            "$ref": "#/components/parameters/provider"
          },
          {
            "$ref": "#/components/parameters/status"
          },
          {
            "$ref": "#/components/parameters/call_type"
          },
          {
            "$ref": "#/components/parameters/interaction_type"
          },
          {
            "$ref": "#/components/parameters/conversation_id"
          },
          {
            "$ref": "#/components/parameters/interaction_id"
          },
          {
            "$ref": "#/components/parameters/prompt_id"
          },
          {
            "$ref": "#/components/parameters/prompt_version"
          },
          {
            "$ref": "#/components/parameters/feedback"
          },
          {
            "$ref": "#/components/parameters/min_quality_score"
          },
          {
            "$ref": "#/components/parameters/max_quality_score"
          },
          {
            "$ref": "#/components/parameters/min_cost_usd"
          },
          {
            "$ref": "#/components/parameters/missing_variable"
          },
          {
            "$ref": "#/components/parameters/has_missing_variables"
          },
          {
            "$ref": "#/components/parameters/device_id"
          },
          {
            "$ref": "#/components/parameters/contact_id"
          },
          {
            "$ref": "#/components/parameters/persona_id"
          },
          {
            "$ref": "#/components/parameters/text"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CallTotals"
                }
              }
            },
            "description": "OK",
            "headers": {
              "AILedger-Source": {
                "description": "Where the answer was read from: the hourly or daily rollups, or the raw rows",
                "schema": {
                  "enum": [
                    "rollups",
                    "raw-rows"
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Totals, latency percentiles and success rate over the matching calls"
      }
    },
    "/v1/stats/series/{bucket}": {
      "get": {
        "parameters": [
          {
            "in": "path",
            "name": "bucket",
            "required": true,
            "schema": {
              "enum": [
                "hour",
                "day",
                "week",
                "month",
                "hour-of-day"
              ]
            }
          },
          {
            "in": "query",
            "name": "by",
            "required": false,
            "schema": {
              "enum": [
                "model",
                "provider",
                "user",
                "call-type",
                "status",
                "conversation",
                "error-code",
                "interaction-type",
                "prompt-version",
                "persona",
                "device",
                "contact"
              ]
            }
          },
          {
            "in": "query",
            "name": "top",
            "required": false,
            "schema": {
              "maximum": 99999999,
              "minimum": 1,
              "type": "integer"
            }
          },
          {
            "$ref": "#/components/parameters/since"
          },
          {
            "$ref": "#/components/parameters/until"
          },
          {
            "$ref": "#/components/parameters/user_id"
          },
          {
            "$ref": "#/components/parameters/model"
          },
          {
            "$ref": "#/components/parameters/provider"
          },
          {
            "$ref": "#/components/parameters/status"
          },
          {
            "$ref": "#/components/parameters/call_type"
          },
          {
            "$ref": "#/components/parameters/interaction_type"
          },
          {
            "$ref": "#/components/parameters/conversation_id"
          },
          {
            "$ref": "#/components/parameters/interaction_id"
          },
          {
            "$ref": "#/components/parameters/prompt_id"
          },
          {
            "$ref": "#/components/parameters/prompt_version"
          },
          {
            "$ref": "#/components/parameters/feedback"
          },
          {
            "$ref": "#/components/parameters/min_quality_score"
          },
          {
            "$ref": "#/components/parameters/max_quality_score"
          },
          {
            "$ref": "#/components/parameters/min_cost_usd"
          },
          {
            "$ref": "#/components/parameters/missing_variable"
          },
          {
            "$ref": "#/components/parameters/has_missing_variables"
          },
          {
            "$ref": "#/components/parameters/device_id"
          },
          {
            "$ref": "#/components/parameters/contact_id"
          },
          {
            "$ref": "#/components/parameters/persona_id"
          },
          {
            "$ref": "#/components/parameters/text"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Groups"
                }
              }
            },
            "description": "OK",
            "headers": {
              "AILedger-Source": {
                "description": "Where the answer was read from: the hourly or daily rollups, or the raw rows",
                "schema": {
                  "enum": [
                    "rollups",
                    "raw-rows"
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "Totals per time bucket, in time order; with by, per bucket and value of a dimension (each group's start and key), the top values by cost keeping their own groups and the rest summed under a null key"
      }
    },
    "/v1/stats/sql-queries": {
      "get": {
        "parameters": [
          {
            "$ref": "#/components/parameters/since"
          },
          {
            "$ref": "#/components/parameters/until"
          },
          {
            "$ref": "#/components/parameters/user_id"
          },
          {
            "$ref": "#/components/parameters/model"
          },
          {
            "$ref": "#/components/parameters/provider"
          },
          {
            "$ref": "#/components/parameters/status"
          },
          {
            "$ref": "#/components/parameters/call_type"
          },
          {
            "$ref": "#/components/parameters/interaction_type"
          },
          {
            "$ref": "#/components/parameters/conversation_id"
          },
          {
            "$ref": "#/components/parameters/interaction_id"
          },
          {
            "$ref": "#/components/parameters/prompt_id"
          },
          {
            "$ref": "#/components/parameters/prompt_version"
          },
          {
            "$ref": "#/components/parameters/feedback"
          },
          {
            "$ref": "#/components/parameters/min_quality_score"
          },
          {
            "$ref": "#/components/parameters/max_quality_score"
          },
          {
            "$ref": "#/components/parameters/min_cost_usd"
          },
          {
            "$ref": "#/components/parameters/missing_variable"
          },
          {
            "$ref": "#/components/parameters/has_missing_variables"
          },
          {
            "$ref": "#/components/parameters/device_id"
          },
          {
            "$ref": "#/components/parameters/contact_id"
          },
          {
            "$ref": "#/components/parameters/persona_id"
          },
          {
            "$ref": "#/components/parameters/text"
          },
          {
            "in": "query",
            "name": "top",
            "required": false,
            "schema": {
              "maximum": 99999999,
              "minimum": 1,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SQLQueryReport"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "429": {
            "$ref": "#/components/responses/E429"
          },
          "503": {
            "$ref": "#/components/responses/E503"
          }
        },
        "summary": "The SQL the matching interactions ran: volume, per database and intent, failures, the most frequent statements"
      }
    },
    "/v1/traces": {
      "post": {
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/OTLPTraces"
              }
            },
            "application/x-protobuf": {
              "schema": {
                "format": "binary",
                "type": "string"
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "properties": {
                    "partialSuccess": {
                      "properties": {
                        "errorMessage": {
                          "type": "string"
                        },
                        "rejectedSpans": {
                          "type": "string"
                        }
                      },
                      "type": "object"
                    }
                  },
                  "type": "object"
                }
              },
              "application/x-protobuf": {
                "schema": {
                  "format": "binary",
                  "type": "string"
                }
              }
            },
            "description": "Taken; a partial success counts the rejected spans"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RpcStatus"
                }
              },
              "application/x-protobuf": {
                "schema": {
                  "format": "binary",
                  "type": "string"
                }
              }
            },
            "description": "Bad input: the message names the field or parameter"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RpcStatus"
                }
              },
              "application/x-protobuf": {
                "schema": {
                  "format": "binary",
                  "type": "string"
                }
              }
            },
            "description": "No valid API key"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RpcStatus"
                }
              },
              "application/x-protobuf": {
                "schema": {
                  "format": "binary",
                  "type": "string"
                }
              }
            },
            "description": "The key's role does not allow this route"
          },
          "413": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RpcStatus"
                }
              },
              "application/x-protobuf": {
                "schema": {
                  "format": "binary",
                  "type": "string"
                }
              }
            },
            "description": "The body or the number of records is over the limit"
          },
          "415": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RpcStatus"
                }
              },
              "application/x-protobuf": {
                "schema": {
                  "format": "binary",
                  "type": "string"
                }
              }
            },
            "description": "A Content-Encoding other than gzip or identity"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RpcStatus"
                }
              },
              "application/x-protobuf": {
                "schema": {
                  "format": "binary",
                  "type": "string"
                }
              }
            },
            "description": "The key is over its rate; see Retry-After"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RpcStatus"
                }
              },
              "application/x-protobuf": {
                "schema": {
                  "format": "binary",
                  "type": "string"
                }
              }
            },
            "description": "The database does not answer, or records wait in the outbox"
          }
        },
        "summary": "OTLP/HTTP: OpenTelemetry GenAI spans become calls, interactions and conversations (docs/OTLP.md)"
      }
    }
  },
  "security": [
    {
      "bearer": []
    }
  ]
}
"""#
}
